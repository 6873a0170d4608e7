"""Who is asking: initData for a session, the session for every other request.

POST /api/session {init_data} checks Telegram's initData (bot.webapp.initdata), refuses one
already used (a replay), and answers a session token with the page's words in the user's
language. Every other /api/ request carries the token (`Authorization: Bearer`, or `?token=` for
the event stream, which a browser opens without headers) and runs in the user's language;
anything missing, altered or expired is 401 before any use case runs.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from aiohttp import web

from bot.i18n import DEFAULT, is_rtl, pick_locale, t, use_locale
from bot.services import Services
from bot.webapp.initdata import InitDataRejected, validate
from bot.webapp.live import LiveHub
from bot.webapp.session import MAX_SESSION_HOURS, Session, SessionRejected, SessionSigner
from bot.webapp.texts import page_texts
from domain.errors import DomainError, NotAllowed, NotFound
from domain.preferences import chosen_language

log = logging.getLogger(__name__)
SESSION_KEY = web.RequestKey("webapp_session", Session)
OPEN_PATHS = frozenset({"/api/session"})


class Logins(Protocol):
    """initData used for a session (storage/webapp_logins.py, wired by bot/app.py)."""

    async def first_use(self, signature: str, forget_after: datetime, now: datetime) -> bool: ...


@dataclass
class WebAppState:
    services: Services
    hub: LiveHub
    signer: SessionSigner
    logins: Logins
    prefix: str
    clock: Callable[[], datetime]

    @property
    def max_age(self) -> timedelta:
        return timedelta(seconds=self.services.settings.webapp_max_age_seconds)

    @property
    def session_seconds(self) -> int:
        return self.services.settings.webapp_session_minutes * 60


WEBAPP_KEY = web.AppKey("webapp", WebAppState)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def unauthorized(reason: str) -> web.HTTPUnauthorized:
    log.info("webapp: refused (%s)", reason)
    return web.HTTPUnauthorized(text='{"error": "unauthorized"}', content_type="application/json")


def read_session(request: web.Request) -> Session:
    state = request.app[WEBAPP_KEY]
    header = request.headers.get("Authorization", "")
    token = header.removeprefix("Bearer ") if header.startswith("Bearer ") else ""
    token = token or request.query.get("token", "")
    try:
        return state.signer.read(token, state.clock())
    except SessionRejected as rejected:
        raise unauthorized(f"session {rejected}") from None


@web.middleware
async def api_guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Authenticate /api/ requests, speak the user's language, turn refusals into answers."""
    relative = request.path.removeprefix(request.app[WEBAPP_KEY].prefix)
    if not relative.startswith("/api/") or relative in OPEN_PATHS:
        return await handler(request)
    session = read_session(request)
    request[SESSION_KEY] = session
    with use_locale(session.locale):
        try:
            return await handler(request)
        except DomainError as error:
            return _refusal(error)


def _refusal(error: DomainError) -> web.Response:
    status = 403 if isinstance(error, NotAllowed) else 404 if isinstance(error, NotFound) else 409
    body = {"error": error.key, "message": t(error.key, **error.params)}
    return web.json_response(body, status=status)


async def open_session(request: web.Request) -> web.Response:
    """initData in, a session out; refused data gets 401 and touches nothing."""
    state = request.app[WEBAPP_KEY]
    settings = state.services.settings
    try:
        body = await request.json()
        init_data = str(body["init_data"]) if isinstance(body, dict) else ""
    except (ValueError, KeyError):
        init_data = ""
    now = state.clock()
    try:
        user = validate(init_data, settings.bot_token, now, state.max_age)
    except InitDataRejected as rejected:
        raise unauthorized(f"initData {rejected}") from None
    forget_after = user.auth_date + state.max_age + timedelta(minutes=1)
    if not await state.logins.first_use(user.signature, forget_after, now):
        raise unauthorized("initData replayed")
    chosen = await chosen_language(state.services.uow(), user.telegram_id)
    locale = pick_locale(chosen or user.language_code or DEFAULT)
    expires_at = int(now.timestamp()) + state.session_seconds
    opened = int(now.timestamp())
    token = state.signer.issue(Session(user.telegram_id, locale, expires_at, opened))
    return web.json_response({
        "token": token, "expires_at": expires_at, "locale": locale,
        "dir": "rtl" if is_rtl(locale) else "ltr", "texts": page_texts(locale),
    })  # fmt: skip


async def renew_session(request: web.Request) -> web.Response:
    """A fresh token for a session still valid, so an open page outlives one token; never past
    MAX_SESSION_HOURS from the initData that opened it (then the app is opened again)."""
    state = request.app[WEBAPP_KEY]
    session: Session = request[SESSION_KEY]
    now = int(state.clock().timestamp())
    last = session.opened_at + MAX_SESSION_HOURS * 3600
    if now >= last:
        raise unauthorized("session at its longest")
    expires_at = min(now + state.session_seconds, last)
    token = state.signer.issue(
        Session(session.telegram_id, session.locale, expires_at, session.opened_at)
    )
    return web.json_response({"token": token, "expires_at": expires_at})
