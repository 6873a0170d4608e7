"""Files: PhotoSize and Document objects from uploaded bytes, file_id re-use, getFile."""

from __future__ import annotations

import hashlib
import io
import mimetypes
import re
from typing import Any
from urllib.parse import quote

from sandbox.params import ApiError, Params, Upload, bad_request
from sandbox.state import FileRec, Store

try:  # Pillow only measures images and makes thumbnails; without it sizes are guessed.
    from PIL import Image
except ImportError:  # pragma: no cover - Pillow is installed in the project venv
    Image = None

MAX_DOWNLOAD = 20 * 1024 * 1024
MAX_PHOTO_UPLOAD = 10 * 1024 * 1024
MAX_DOCUMENT_UPLOAD = 50 * 1024 * 1024
# Telegram's standard thumbnail sides; the original is kept as the largest size.
_THUMB_SIDES = (90, 320, 800)
_THUMBNAIL_CACHE = 2048
_thumbnails: dict[tuple[bytes, int], tuple[bytes, int, int]] = {}


def _size_of(rec: FileRec) -> dict[str, Any]:
    return {
        "file_id": rec.file_id,
        "file_unique_id": rec.file_unique_id,
        "file_size": len(rec.data),
    }


def _image_size(data: bytes) -> tuple[int, int]:
    if Image is None:
        return 1, 1
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.verify()
        with Image.open(io.BytesIO(data)) as img:
            return img.size
    except Exception:
        raise bad_request("IMAGE_PROCESS_FAILED") from None


def _thumbnail(data: bytes, side: int) -> tuple[bytes, int, int]:
    # The same picture sent again (a load test re-sends each customer's QR) is resized once.
    key = (hashlib.blake2b(data, digest_size=16).digest(), side)
    made = _thumbnails.get(key)
    if made is None:
        made = _thumbnails[key] = _resize(data, side)
        while len(_thumbnails) > _THUMBNAIL_CACHE:
            del _thumbnails[next(iter(_thumbnails))]  # oldest first
    return made


def _resize(data: bytes, side: int) -> tuple[bytes, int, int]:
    with Image.open(io.BytesIO(data)) as img:
        img = img.convert("RGB")
        img.thumbnail((side, side))
        out = io.BytesIO()
        img.save(out, format="JPEG", quality=80)
        return out.getvalue(), img.width, img.height


def photo_sizes(store: Store, data: bytes) -> list[dict[str, Any]]:
    """PhotoSize list, smallest first; the largest holds the original bytes."""
    if len(data) > MAX_PHOTO_UPLOAD:
        raise ApiError(413, "Request Entity Too Large")
    width, height = _image_size(data)
    sizes = []
    for side in _THUMB_SIDES:
        if Image is None or max(width, height) <= side:
            break
        thumb, w, h = _thumbnail(data, side)
        sizes.append({**_size_of(store.add_file(thumb, "photo", "jpg")), "width": w, "height": h})
    original = store.add_file(data, "photo", "jpg")
    sizes.append({**_size_of(original), "width": width, "height": height})
    return sizes


def document_object(store: Store, upload: Upload) -> dict[str, Any]:
    if len(upload.data) > MAX_DOCUMENT_UPLOAD:
        raise ApiError(413, "Request Entity Too Large")
    name = upload.filename or "document"
    mime = upload.content_type
    if not mime or mime == "application/octet-stream":
        mime = mimetypes.guess_type(name)[0] or mime or "application/octet-stream"
    extension = name.rsplit(".", 1)[1] if "." in name else "bin"
    rec = store.add_file(upload.data, "document", extension, mime, name)
    return {**_size_of(rec), "file_name": name, "mime_type": mime}


# Types a browser shows without running anything; any other file is served as bytes to save.
_SHOWN = ("image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain",
          "text/csv")  # fmt: skip
_MAGIC = ((b"\x89PNG", "image/png"), (b"\xff\xd8", "image/jpeg"), (b"GIF8", "image/gif"))


def served_type(rec: FileRec) -> str:
    """The Content-Type the control API serves a file with (photos are typed by their bytes)."""
    if rec.kind == "photo":
        return next((mime for magic, mime in _MAGIC if rec.data.startswith(magic)), "image/jpeg")
    mime = (rec.mime_type or "").split(";")[0].strip().lower()
    return mime if mime in _SHOWN else "application/octet-stream"


def attachment(rec: FileRec, name: str) -> str:
    """A Content-Disposition that saves the file as ``name`` (an extension added if missing)."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", name).strip(" .") or "file"
    if "." not in name:
        name += mimetypes.guess_extension(served_type(rec)) or ".bin"
    return f"attachment; filename*=UTF-8''{quote(name)}"


def _known(store: Store, file_id: str) -> FileRec:
    rec = store.files.get(file_id)
    if rec is None:
        raise bad_request("wrong file identifier/HTTP URL specified")
    return rec


def input_photo(store: Store, p: Params) -> list[dict[str, Any]]:
    """The photo parameter: an uploaded file, or the file_id of an earlier photo."""
    if "photo" in p.uploads:
        return photo_sizes(store, p.uploads["photo"].data)
    file_id = p.str("photo")
    if not file_id:
        raise bad_request("there is no photo in the request")
    rec = _known(store, file_id)
    if rec.kind != "photo":
        raise bad_request("wrong file identifier/HTTP URL specified")
    width, height = _image_size(rec.data)
    return [{**_size_of(rec), "width": width, "height": height}]


def input_document(store: Store, p: Params) -> dict[str, Any]:
    """The document parameter: an uploaded file, or the file_id of an earlier file."""
    if "document" in p.uploads:
        return document_object(store, p.uploads["document"])
    file_id = p.str("document")
    if not file_id:
        raise bad_request("there is no document in the request")
    rec = _known(store, file_id)
    obj = _size_of(rec)
    if rec.kind == "document":
        obj.update(file_name=rec.file_name, mime_type=rec.mime_type)
    else:  # Telegram lets a photo's file_id be re-sent as a document
        obj.update(file_name="photo.jpg", mime_type="image/jpeg")
    return obj


async def get_file(store: Store, p: Params) -> dict[str, Any]:
    file_id = p.str("file_id")
    if not file_id:
        raise bad_request("file_id is empty")
    rec = store.files.get(file_id)
    if rec is None:
        raise bad_request("invalid file_id")
    if len(rec.data) > MAX_DOWNLOAD:
        raise bad_request("file is too big")
    return {**_size_of(rec), "file_path": rec.file_path}
