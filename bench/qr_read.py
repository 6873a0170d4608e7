"""Decode rate and time per photo of our QR reader against single libraries, on the corpus."""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # so `python bench/...` finds us
from bench.qr_corpus import generate, generate_small
from bot.qr_reader import QrReadError, read_qr_texts

Reader = Callable[[bytes], list[str]]
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif", ".tif", ".tiff"}


def _ours(data: bytes) -> list[str]:
    try:
        return read_qr_texts(data)
    except QrReadError:
        return []


def _readers() -> dict[str, Reader]:
    """Our reader plus every single library that is installed, each given the same bytes."""
    from PIL import Image

    readers: dict[str, Reader] = {"ours": _ours}
    import zxingcpp

    readers["zxing-cpp"] = lambda data: [
        code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(data)))
    ]
    try:
        from pyzbar import pyzbar
    except (ImportError, OSError):  # OSError: the Python package without the zbar library
        pass
    else:
        readers["pyzbar"] = lambda data: [
            code.data.decode("utf-8", "replace")
            for code in pyzbar.decode(
                Image.open(io.BytesIO(data)), symbols=[pyzbar.ZBarSymbol.QRCODE]
            )
        ]
    try:
        import cv2
        import numpy as np
    except ImportError:
        pass
    else:
        cv2.setNumThreads(1)  # single-threaded time per image, like the others
        detector = cv2.QRCodeDetector()

        def opencv(data: bytes) -> list[str]:
            img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
            ok, texts, _points, _ = detector.detectAndDecodeMulti(img)
            return [t for t in texts if t] if ok else []

        readers["opencv"] = opencv
    return readers


def _folder(path: Path) -> Iterable[tuple[str, bytes, str | None]]:
    for image in sorted(p for p in path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES):
        truth = image.with_suffix(".txt")
        expected = truth.read_text().strip() if truth.exists() else None
        yield image.name, image.read_bytes(), expected


_worker_readers: dict[str, Reader] = {}


def _timed(reader_name: str, data: bytes) -> tuple[float, list[str]]:
    """Runs in the child process: one reader on one photo, timed there (no pickling in it)."""
    if not _worker_readers:
        _worker_readers.update(_readers())
    start = time.perf_counter()
    try:
        texts = _worker_readers[reader_name](data)
    except Exception:  # a library crashing on a photo is a miss, not the end of the bench
        texts = []
    return time.perf_counter() - start, texts


def _pool(reader_name: str, samples: list):
    """A fresh child process, warmed up on one photo so imports don't count as decoding time."""
    pool = multiprocessing.get_context("spawn").Pool(1)
    if samples:
        pool.apply(_timed, (reader_name, samples[0][1]))
    return pool


def _measure(reader_name: str, samples: list, cap: float) -> dict:
    """Each reader runs in a child process so that a photo it hangs on (OpenCV can take minutes)
    is cut off at `cap` seconds and counted as a miss that took `cap`."""
    times, hits, judged, misses = [], 0, 0, []
    pool = _pool(reader_name, samples)
    try:
        for name, data, expected in samples:
            try:
                took, texts = pool.apply_async(_timed, (reader_name, data)).get(cap)
            except multiprocessing.TimeoutError:
                took, texts = cap, []
                pool.terminate()
                pool = _pool(reader_name, samples)
            times.append(took)
            if expected is not None:
                judged += 1
                hits += expected in texts
                if expected not in texts:
                    misses.append(name)
    finally:
        pool.terminate()
    times.sort()
    return {
        "decoded": hits,
        "images": judged,
        "rate": round(hits / judged, 4) if judged else None,
        "median_ms": round(statistics.median(times) * 1000, 1) if times else None,
        "p95_ms": round(times[int(0.95 * (len(times) - 1))] * 1000, 1) if times else None,
        "misses": misses,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=600, help="corpus photos to generate (0: none)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--small", type=int, default=200, help="~240 px photos to generate")
    parser.add_argument(
        "--dir",
        type=Path,
        action="append",
        default=[],
        help="a folder of photos with NAME.txt truth beside them (repeatable)",
    )
    parser.add_argument("--only", action="append", help="run only these readers")
    parser.add_argument("--cap", type=float, default=10.0, help="seconds before a photo is a miss")
    args = parser.parse_args(argv)
    sources: dict[str, list] = {}
    if args.n:
        started = time.perf_counter()
        sources[f"corpus(n={args.n},seed={args.seed})"] = list(generate(args.n, args.seed))
        print(f"generated {args.n} photos in {time.perf_counter() - started:.0f} s", flush=True)
    if args.small:
        key = f"small(n={args.small},seed={args.seed})"
        sources[key] = list(generate_small(args.small, args.seed))
    for folder in args.dir:
        sources[str(folder)] = list(_folder(folder))
    readers = [k for k in _readers() if not args.only or k in args.only]
    report: dict[str, dict] = {}
    for source, samples in sources.items():
        report[source] = {}
        for name in readers:
            result = _measure(name, samples, args.cap)
            report[source][name] = {k: v for k, v in result.items() if k != "misses"}
            rate = f"{100 * result['rate']:.1f}%" if result["rate"] is not None else "-"
            print(
                f"{source}  {name:10s} {result['decoded']:4d}/{result['images']:<4d} {rate:>6s}"
                f"  median {result['median_ms']} ms  p95 {result['p95_ms']} ms",
                flush=True,
            )
            if name == "ours" and result["misses"]:
                print(f"{source}  ours missed: {' '.join(result['misses'])}", flush=True)
    print(json.dumps(report, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
