"""Mini Apps in the sandbox: Telegram's side of opening one, offline.

Opening a web-app button, Telegram hands the page `initData` signed with the bot's token (its
documented scheme: HMAC-SHA256 under HMAC-SHA256("WebAppData", token)) in the URL's fragment,
`#tgWebAppData=...`, which its script `telegram-web-app.js` reads. The sandbox does the same
for its test users, and serves a stand-in for that script (web/telegram-web-app.js) whose
`showScanQrPopup` lets the tester choose a picture (read by POST /sandbox/qr) or type the text.

  POST /sandbox/users/{id}/webapp {url, auth_date?}  -> {url, init_data}   the address to open
  POST /sandbox/qr   multipart `image`               -> {texts}            QR codes in a picture
  GET /sandbox/users/{id}/menu_button   the menu button the bot set (setChatMenuButton)
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import secrets
import time
from typing import Any
from urllib.parse import quote, urlencode

from aiohttp import web

from sandbox.botapi import STORE_KEY
from sandbox.state import Store

routes = web.RouteTableDef()


def init_data(store: Store, user: dict[str, Any], auth_date: int | None = None) -> str:
    """initData for this user, signed as Telegram signs it for the store's bot."""
    shown = {k: user[k] for k in ("id", "first_name", "last_name", "username", "language_code")
             if user.get(k) not in (None, "")}  # fmt: skip
    fields = {
        "auth_date": str(auth_date if auth_date is not None else int(time.time())),
        "query_id": "AAH" + secrets.token_urlsafe(12),
        "user": json.dumps(shown, ensure_ascii=False, separators=(",", ":")),
    }
    secret = hmac.new(b"WebAppData", store.token.encode(), hashlib.sha256).digest()
    check = "\n".join(f"{k}={v}" for k, v in sorted(fields.items()))
    fields["hash"] = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    return urlencode(fields)


def _user(request: web.Request) -> dict[str, Any]:
    store = request.app[STORE_KEY]
    try:
        user = store.users.get(int(request.match_info["user_id"]))
    except ValueError:
        user = None
    if user is None:
        raise web.HTTPNotFound(text='{"error": "no such user"}', content_type="application/json")
    return user.data


@routes.post("/sandbox/users/{user_id}/webapp")
async def open_webapp(request: web.Request) -> web.Response:
    user = _user(request)
    body = await request.json()
    url = str(body.get("url") or "")
    if not url.startswith(("http://", "https://")):
        raise web.HTTPBadRequest(text='{"error": "url must be http(s)"}')
    auth_date = body.get("auth_date")
    data = init_data(request.app[STORE_KEY], user, int(auth_date) if auth_date else None)
    fragment = f"tgWebAppData={quote(data, safe='')}&tgWebAppVersion=8.0&tgWebAppPlatform=web"
    return web.json_response({"url": f"{url.split('#')[0]}#{fragment}", "init_data": data})


@routes.get("/sandbox/users/{user_id}/menu_button")
async def menu_button(request: web.Request) -> web.Response:
    buttons = request.app[STORE_KEY].menu_buttons
    user_id = int(request.match_info["user_id"])
    return web.json_response(buttons.get(user_id) or buttons.get(0) or {"type": "default"})


@routes.post("/sandbox/qr")
async def read_qr(request: web.Request) -> web.Response:
    """The texts of the QR codes in a picture (the stand-in scanner's "choose a picture")."""
    import zxingcpp
    from PIL import Image

    form = await request.post()
    image = form.get("image")
    if not isinstance(image, web.FileField):
        raise web.HTTPBadRequest(text='{"error": "an image is needed"}')
    try:
        picture = Image.open(io.BytesIO(image.file.read()))
        picture.thumbnail((2000, 2000))
        texts = [found.text for found in zxingcpp.read_barcodes(picture.convert("L"))]
    except (OSError, ValueError):
        texts = []
    headers = {"Access-Control-Allow-Origin": "*"}  # asked from the Mini App's own origin
    return web.json_response({"texts": texts}, headers=headers)
