"""`qr read` and `qr make`: the output format a script can split on tabs."""

from __future__ import annotations

import io

import qrcode
from PIL import Image

from bot.qr_cli import main
from bot.qr_reader import read_qr_texts


def _png(text: str) -> bytes:
    out = io.BytesIO()
    qrcode.make(text).save(out)
    return out.getvalue()


def test_read_prints_path_tab_text_and_a_dash_when_nothing_is_found(tmp_path, capsys, link):
    with_code, blank = tmp_path / "a.png", tmp_path / "b.png"
    with_code.write_bytes(_png(link))
    Image.new("L", (200, 200), 255).save(blank)
    assert main(["read", str(with_code), str(blank)]) == 0
    out = capsys.readouterr().out
    assert out == f"{with_code}\t{link}\n{blank}\t-\n"


def test_read_escapes_newlines_and_backslashes(tmp_path, capsys):
    path = tmp_path / "odd.png"
    path.write_bytes(_png("line one\nC:\\bin"))
    assert main(["qr", "read", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}\tline one\\nC:\\\\bin\n"


def test_read_reports_bad_files_on_stderr_and_goes_on(tmp_path, capsys, link):
    junk, good = tmp_path / "junk.jpg", tmp_path / "good.png"
    junk.write_bytes(b"not a picture")
    good.write_bytes(_png(link))
    assert main(["read", str(junk), str(tmp_path / "missing.jpg"), str(good)]) == 1
    captured = capsys.readouterr()
    assert captured.out == f"{good}\t{link}\n"
    assert "not_an_image" in captured.err and "missing.jpg" in captured.err


def test_make_writes_a_customer_code(tmp_path, link):
    out = tmp_path / "code.png"
    assert main(["make", link, str(out), "--caption", "Show me"]) == 0
    assert read_qr_texts(out.read_bytes()) == [link]


def test_bad_usage_returns_2(capsys):
    assert main(["frobnicate"]) == 2
