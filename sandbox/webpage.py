"""The sandbox in a web browser: a Telegram-like page over the control API, served as is.

Four static files under sandbox/web/ (no build step, nothing fetched from the internet). The
page talks only to /sandbox/... on the same origin; the Content-Security-Policy below forbids
inline scripts and other origins, so even text that escaped the page's escaping could not run.
"""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

WEB_DIR = Path(__file__).with_name("web")
_TYPES = {
    "index.html": "text/html",
    "app.js": "text/javascript",
    "messages.js": "text/javascript",
    "style.css": "text/css",
    "telegram-web-app.js": "text/javascript",  # the stand-in for Telegram's Mini App script
}
_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
routes = web.RouteTableDef()


def _serve(name: str) -> web.Response:
    body = (WEB_DIR / name).read_bytes()
    headers = {
        "Content-Security-Policy": _POLICY,
        "X-Content-Type-Options": "nosniff",
        # A sandbox restarts empty: a page kept from an earlier run would show stale users.
        "Cache-Control": "no-store",
    }
    return web.Response(body=body, content_type=_TYPES[name], charset="utf-8", headers=headers)


@routes.get("/")
async def index(request: web.Request) -> web.Response:
    return _serve("index.html")


@routes.get("/web/{name}")
async def asset(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    if name not in _TYPES:
        raise web.HTTPNotFound()
    return _serve(name)
