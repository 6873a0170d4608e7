"""What the browser page needs from the sandbox: its files, user checks, safe file downloads."""

from __future__ import annotations

import aiohttp
import pytest
from telegram import Bot

from sandbox.client import SandboxClient, SandboxError, SandboxUser
from sandbox.files import MAX_PHOTO_UPLOAD
from sandbox.server import SandboxServer


async def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    async with aiohttp.ClientSession() as session, session.get(url) as resp:
        return resp.status, dict(resp.headers), await resp.read()


async def test_the_page_and_its_scripts_are_served_with_a_strict_policy(
    server: SandboxServer,
) -> None:
    status, headers, body = await _get(server.page_url)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b'<script src="/web/app.js" defer>' in body
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    for name, kind in [("app.js", "text/javascript"), ("messages.js", "text/javascript"),
                       ("style.css", "text/css")]:  # fmt: skip
        status, headers, _ = await _get(f"{server.url}/web/{name}")
        assert status == 200 and headers["Content-Type"].startswith(kind)
    status, _, _ = await _get(f"{server.url}/web/..%2Fserver.py")
    assert status == 404


async def test_info_tells_the_upload_limits(sb: SandboxClient) -> None:
    info = await sb.request("GET", "/sandbox/info")
    assert info["limits"]["photo"] == MAX_PHOTO_UPLOAD


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"first_name": "x" * 65}, "first_name must be 1 to 64 characters"),
        ({"first_name": "   "}, "first_name must be 1 to 64 characters"),
        ({"first_name": ["Ann"]}, "first_name must be 1 to 64 characters"),
        ({"first_name": "Ann", "language_code": "<en>"}, "language_code must look like"),
    ],
)
async def test_bad_user_fields_are_refused(sb: SandboxClient, fields: dict, error: str) -> None:
    with pytest.raises(SandboxError, match=error):
        await sb.request("POST", "/sandbox/users", fields)
    assert await sb.request("GET", "/sandbox/users") == []


async def test_a_name_with_markup_is_kept_as_typed(sb: SandboxClient) -> None:
    user = await sb.create_user(first_name="<b>Eve</b>", username="eve")
    assert (await sb.user(user.id)).first_name == "<b>Eve</b>"


async def test_a_user_can_change_the_language_their_app_reports(
    sb: SandboxClient, ann: SandboxUser
) -> None:
    path = f"/sandbox/users/{ann.id}/language"
    changed = await sb.request("POST", path, {"language_code": "ar"})
    assert changed["user"]["language_code"] == "ar"
    message = await ann.send_text("hi")
    assert message.raw["from"]["language_code"] == "ar"  # what the bot reads in updates
    with pytest.raises(SandboxError, match="language_code"):
        await sb.request("POST", path, {"language_code": "arabic please"})


async def test_an_oversized_photo_is_refused_with_the_limit(ann: SandboxUser) -> None:
    with pytest.raises(SandboxError, match="a photo may be at most 10 MB"):
        await ann.send_photo(b"\x89PNG" + bytes(MAX_PHOTO_UPLOAD))


async def test_files_are_served_so_that_a_page_cannot_run_from_them(
    server: SandboxServer, bot: Bot, ann: SandboxUser, make_image
) -> None:
    html = b"<script>alert(1)</script>"
    doc = await bot.send_document(ann.chat_id, html, filename="evil.html")
    url = f"{server.url}/sandbox/files/{doc.document.file_id}"
    _, headers, body = await _get(url)
    assert body == html and headers["Content-Type"] == "application/octet-stream"
    assert headers["Content-Security-Policy"] == "sandbox"
    assert headers["X-Content-Type-Options"] == "nosniff"

    photo = await bot.send_photo(ann.chat_id, make_image(100, 100, "PNG"))
    url = f"{server.url}/sandbox/files/{photo.photo[-1].file_id}?download=photo-7"
    _, headers, _ = await _get(url)
    assert headers["Content-Type"] == "image/png"
    assert headers["Content-Disposition"] == "attachment; filename*=UTF-8''photo-7.png"


async def test_a_download_keeps_a_document_s_own_name_without_its_path(
    server: SandboxServer, bot: Bot, ann: SandboxUser
) -> None:
    doc = await bot.send_document(ann.chat_id, b"a,b\n", filename="café list.csv")
    url = f"{server.url}/sandbox/files/{doc.document.file_id}?download=../../café list.csv"
    _, headers, _ = await _get(url)
    assert headers["Content-Type"].startswith("text/csv")
    assert (
        headers["Content-Disposition"] == "attachment; filename*=UTF-8''_.._caf%C3%A9%20list.csv"
    )
