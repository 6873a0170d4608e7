"""GET /api/events: a server-sent-events stream that says "changed" when the page should read.

The page reads its data again on each `changed` (one small request) instead of receiving data
here, so the stream carries nothing that needs checking twice: what the page reads is checked
by the endpoint that answers it. A comment line every KEEPALIVE seconds keeps proxies from
closing an idle stream; the stream ends when its session does (the page renews and reconnects).
A reconnecting page gives the last event id it saw (the Last-Event-ID header, or ?last=) and is
told at once if it missed anything.
"""

from __future__ import annotations

import asyncio

from aiohttp import web

from bot.webapp.auth import SESSION_KEY, WEBAPP_KEY
from domain.errors import NotAllowed
from domain.queries import staff_memberships

KEEPALIVE = 15.0
RETRY_MS = 1000


async def stream(request: web.Request) -> web.StreamResponse:
    state = request.app[WEBAPP_KEY]
    session = request[SESSION_KEY]
    topics = {"*", f"c{session.telegram_id}"}
    if "business" in request.query:
        memberships = await staff_memberships(state.services.view_uow(), session.telegram_id)
        wanted = request.query["business"]
        if not any(str(m.business_id) == wanted for m in memberships):
            raise NotAllowed("not_staff")
        topics.add(f"b{wanted}")
    last = request.headers.get("Last-Event-ID") or request.query.get("last", "")
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream",
            "Cache-Control": "no-store",
            "X-Accel-Buffering": "no",  # nginx: pass each event on at once
        }
    )
    await response.prepare(request)
    await response.write(f"retry: {RETRY_MS}\n\n".encode())
    subscriber = state.hub.subscribe(topics, last)
    try:
        while not state.hub.closing:
            remaining = session.expires_at - state.clock().timestamp()
            if remaining <= 0:
                break
            try:
                async with asyncio.timeout(min(KEEPALIVE, remaining)):
                    await subscriber.woken.wait()
            except TimeoutError:
                await response.write(b": keepalive\n\n")
                continue
            if state.hub.closing:
                break
            subscriber.woken.clear()
            await response.write(f"id: {subscriber.last_id}\nevent: changed\ndata: \n\n".encode())
    except ConnectionResetError:
        pass  # the page went away
    finally:
        state.hub.unsubscribe(subscriber)
    return response
