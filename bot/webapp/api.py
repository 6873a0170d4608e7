"""The Mini App's JSON API: each endpoint one domain use case or query, in the user's language.

Every request under /api/ except the session's own is authenticated by the session token (see
`auth`); the token names a Telegram user and nothing else, so every right is checked by the use
case itself, as for the chat: a customer's queries read only the cards of the customer the
token names, and each staff endpoint passes the business id to a use case that checks that this
person is staff there. A business id or card id changed in a request reaches nothing more.
"""

from __future__ import annotations

import asyncio
import secrets
from datetime import timedelta
from typing import Any

from aiohttp import web

from bot.handlers.answers import _outcome_text
from bot.handlers.reports import CHART_DAYS, chart_words
from bot.handlers.scanning import scan_text, token_from_text
from bot.i18n import current_locale, signed, t, when
from bot.pictures.charts import chart_png
from bot.pictures.qr import customer_qr_png
from bot.views import reason_words, request_message
from bot.webapp.auth import SESSION_KEY, WEBAPP_KEY, WebAppState
from bot.webapp.cards import card_json, offer_json
from domain.approvals import answer_request, request_deduction
from domain.commands import (
    AnswerRequest,
    AwardPoints,
    IssueToken,
    NoteAwardReply,
    RequestDeduction,
    ScanCustomer,
    UndoAward,
)
from domain.counter import cards_at, find_customers, todays_feed
from domain.errors import InvalidInput, NotAllowed, NotFound
from domain.ledger import award_points, note_award_reply, undo_award
from domain.models import Program, RequestKind
from domain.people import issue_customer_token
from domain.ports import LedgerLine
from domain.queries import customer_history, pending_requests
from domain.reports import business_chart, business_stats, customer_history_at, my_businesses
from domain.reward_ladder import redeemable
from domain.rewards import ladder
from domain.rules import normalize_manual_code
from domain.scanning import ScanResult, scan_customer

HISTORY_PER_CARD = 10
# The staff page's scans have no chat message: its Undo is noted as this "message" of the staff
# member's own chat, which no real message has (Telegram numbers them from 1).
WEBAPP_MESSAGE_ID = 0
routes = web.RouteTableDef()


def _first_cost(program: Program) -> int:
    rungs = ladder(program.rewards)
    return rungs[0].cost if rungs else 0


def _history_json(entries: list[Any], time_zone: str) -> list[dict[str, Any]]:
    return [
        {"id": e.id, "when": when(e.created_at, tz=time_zone), "delta": signed(e.delta),
         "reason": reason_words(e.reason, e.note)}
        for e in entries
    ]  # fmt: skip


def _line_json(line: LedgerLine, time_zone: str) -> dict[str, Any]:
    return {
        "id": line.entry_id, "when": when(line.created_at, tz=time_zone),
        "customer": line.customer, "customer_id": line.customer_id, "program": line.program,
        "delta": signed(line.delta), "reason": reason_words(line.reason, line.note),
    }  # fmt: skip


def _state(request: web.Request) -> WebAppState:
    return request.app[WEBAPP_KEY]


def _me(request: web.Request) -> int:
    return int(request[SESSION_KEY].telegram_id)


def _number(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise InvalidInput("invalid_input") from None


async def _body(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        raise InvalidInput("invalid_input") from None
    if not isinstance(body, dict):
        raise InvalidInput("invalid_input")
    return body


# --- customers ----------------------------------------------------------------------------------


@routes.get("/api/wallet")
async def wallet(request: web.Request) -> web.Response:
    """Every card in use, its latest history, and the requests waiting for an answer."""
    state, me = _state(request), _me(request)
    # The history holds every card with its latest rows: the cards in use are read from it
    # (one transaction less on every live update), as list_customer_cards would list them.
    history = await customer_history(state.services.view_uow(), me, HISTORY_PER_CARD)
    requests = await pending_requests(state.services.view_uow(), me)
    return web.json_response({
        "cards": [card_json(view) for view, _ in history if view.card.left_at is None],
        "history": [
            {"card": view.card.id, "title": f"{view.business} · {view.program.name}",
             "entries": _history_json(entries, view.time_zone)}
            for view, entries in history
        ],
        "requests": [_request_json(view) for view in requests],
    })  # fmt: skip


def _request_json(view: Any) -> dict[str, Any]:
    text, _markup = request_message(view)
    enrollment = view.request.kind is RequestKind.ENROLLMENT
    return {
        "id": view.request.id,
        "text": text,
        "yes": t("btn_accept") if enrollment else t("btn_approve"),
        "no": t("btn_reject"),
    }


@routes.get("/api/cards/{card_id}")
async def card(request: web.Request) -> web.Response:
    """One of the customer's own cards with its history; anyone else's is unknown."""
    state, me = _state(request), _me(request)
    card_id = _number(request.match_info["card_id"])
    history = await customer_history(state.services.view_uow(), me, HISTORY_PER_CARD)
    for view, entries in history:
        if view.card.id == card_id and view.card.left_at is None:
            return web.json_response(
                {"card": card_json(view), "history": _history_json(entries, view.time_zone)}
            )
    raise NotFound("card_not_found")


@routes.get("/api/qr.png")
async def qr(request: web.Request) -> web.Response:
    """The customer's QR code, as the chat's My QR gives it (bright, large; the page fills the
    screen with it)."""
    services = _state(request).services
    issued = await issue_customer_token(
        services.uow(), IssueToken(_me(request), services.qr_ttl), services.signer
    )
    link = services.qr_link(issued.token)
    png = await asyncio.to_thread(customer_qr_png, link, issued.customer.manual_code)
    return web.Response(body=png, content_type="image/png", headers={"Cache-Control": "no-store"})


@routes.post("/api/requests/{request_id}")
async def answer(request: web.Request) -> web.Response:
    """Approve or Reject, through the same use case as the chat's buttons."""
    state = _state(request)
    body = await _body(request)
    cmd = AnswerRequest(
        _number(request.match_info["request_id"]), _me(request),
        approve=body.get("approve") is True,
        invite_cooldown=timedelta(days=state.services.settings.invite_cooldown_days),
    )  # fmt: skip
    answered = await answer_request(state.services.uow(), cmd)
    state.services.dispatcher.wake()
    return web.json_response({"text": _outcome_text(answered)})


# --- staff ------------------------------------------------------------------------------------


@routes.get("/api/staff")
async def staff_businesses(request: web.Request) -> web.Response:
    """The businesses this person works for (none: the page shows no counter)."""
    memberships = await my_businesses(_state(request).services.uow(), _me(request))
    return web.json_response({
        "businesses": [
            {"id": m.business.id, "name": m.business.name, "role": m.role.value}
            for m in memberships if m.business.suspended_at is None
        ]
    })  # fmt: skip


def _business(request: web.Request) -> int:
    return _number(request.match_info["business_id"])


@routes.get("/api/staff/{business_id}/today")
async def today(request: web.Request) -> web.Response:
    """Today's figures and today's feed of the business."""
    services, me, business_id = _state(request).services, _me(request), _business(request)
    stats = (await business_stats(services.uow(), business_id, me))["today"]
    feed = await todays_feed(services.uow(), business_id, me)
    figures = [
        ("scans", stats.scans), ("points_issued", stats.points_issued),
        ("points_redeemed", stats.points_redeemed), ("new_customers", stats.new_customers),
    ]  # fmt: skip
    return web.json_response({
        "figures": [{"key": key, "label": t(f"webapp_fig_{key}"), "value": value}
                    for key, value in figures],
        "feed": [_line_json(line, feed.time_zone) for line in feed.lines],
    })  # fmt: skip


@routes.get("/api/staff/{business_id}/chart.png")
async def chart(request: web.Request) -> web.Response:
    services = _state(request).services
    found = await business_chart(services.uow(), _business(request), _me(request), CHART_DAYS)
    png = await asyncio.to_thread(chart_png, found.days, found.staff, chart_words(found))
    return web.Response(body=png, content_type="image/png", headers={"Cache-Control": "no-store"})


@routes.post("/api/staff/{business_id}/scan")
async def scan(request: web.Request) -> web.Response:
    """A code from Telegram's scanner (or typed): the scan use case, as a photo in the chat."""
    services, me, business_id = _state(request).services, _me(request), _business(request)
    body = await _body(request)
    text = str(body.get("text") or "")
    token = token_from_text(text)
    manual = None if token else (normalize_manual_code(text) and text)
    if token is None and manual is None:
        raise InvalidInput("qr_not_ours")
    if manual is not None and not services.lookups.allow(me):  # as /code: codes can be guessed
        raise NotAllowed("too_many_lookups", limit=services.settings.code_rate_per_minute)
    cmd = ScanCustomer(
        business_id=business_id, staff_telegram_id=me,
        idempotency_key=f"webapp:{me}:{_key(body)}",
        cooldown=timedelta(seconds=services.settings.scan_cooldown_seconds),
        invite_ttl=timedelta(days=services.settings.enrollment_ttl_days),
        token=token, manual_code=manual,
    )  # fmt: skip
    result = await scan_customer(services.uow(), cmd, services.signer)
    services.dispatcher.wake()
    if result.entry_id is not None:  # this page's Undo may reverse it
        noted = NoteAwardReply(result.entry_id, me, WEBAPP_MESSAGE_ID)
        await note_award_reply(services.uow(), noted)
    return web.json_response(_scan_json(result))


def _scan_json(result: ScanResult) -> dict[str, Any]:
    return {
        "outcome": result.outcome.value,
        "text": t("for_business", business=result.business) + "\n" + scan_text(result),
        "card_id": result.card.id if result.card else None,
        "entry_id": result.entry_id,
        "customer_id": result.customer.id if result.customer else None,
    }


def _key(body: dict[str, Any]) -> str:
    """The page's own key for one action, so a retried request counts once."""
    key = str(body.get("key") or "")
    if not 8 <= len(key) <= 64 or not key.replace("-", "").isalnum():
        return secrets.token_hex(8)
    return key


@routes.post("/api/staff/{business_id}/undo")
async def undo(request: web.Request) -> web.Response:
    services, me = _state(request).services, _me(request)
    body = await _body(request)
    cmd = UndoAward(
        _business(request), me, _number(body.get("entry_id")),
        chat_id=me, message_id=WEBAPP_MESSAGE_ID, window=services.undo_window,
    )  # fmt: skip
    posted = await undo_award(services.uow(), cmd)
    services.dispatcher.wake()
    if posted.duplicate:
        return web.json_response({"text": t("undo_already")})
    text = t("undone", points=-posted.entry.delta, kind=posted.kind.value,
             balance=posted.card.balance)  # fmt: skip
    return web.json_response({"text": text})


@routes.post("/api/staff/{business_id}/award")
async def award(request: web.Request) -> web.Response:
    """+1 or Other amount: the chat's manual award, with its limits."""
    services, me = _state(request).services, _me(request)
    body = await _body(request)
    cmd = AwardPoints(
        _business(request), me, _number(body.get("card_id")), _number(body.get("points")),
        f"webapp:{me}:{_key(body)}",
    )  # fmt: skip
    posted = await award_points(services.uow(), cmd)
    services.dispatcher.wake()
    if posted.duplicate:
        return web.json_response({"text": t("already_done")})
    text = t("added", points=posted.entry.delta, kind=posted.kind.value,
             balance=posted.card.balance)  # fmt: skip
    return web.json_response({"text": text})


@routes.get("/api/staff/{business_id}/cards/{card_id}/rewards")
async def rewards(request: web.Request) -> web.Response:
    """🎁 Redeem: the rewards the card pays for now, as the chat offers them (none: why)."""
    services = _state(request).services
    card_id = _number(request.match_info["card_id"])
    offer = await redeemable(services.uow(), _business(request), _me(request), card_id)
    return web.json_response(offer_json(offer))


@routes.post("/api/staff/{business_id}/redeem")
async def redeem(request: web.Request) -> web.Response:
    """A reward chosen: ask the customer to approve it, as the chat's reward button does."""
    services, me = _state(request).services, _me(request)
    body = await _body(request)
    chosen = body.get("reward_id")
    cmd = RequestDeduction(
        _business(request), me, _number(body.get("card_id")), RequestKind.REDEMPTION,
        ttl=timedelta(minutes=services.settings.deduction_ttl_minutes),
        reward_id=None if chosen is None else _number(chosen),
    )  # fmt: skip
    sent = await request_deduction(services.uow(), cmd)
    services.dispatcher.wake()
    return web.json_response({"text": t("request_sent_reward", reward=sent.reason)})


@routes.get("/api/staff/{business_id}/customers")
async def search(request: web.Request) -> web.Response:
    services = _state(request).services
    rows = await find_customers(
        services.uow(), _business(request), _me(request), request.query.get("q", "")
    )
    return web.json_response({
        "customers": [{"id": r.customer_id, "name": r.name, "balance": r.balance,
                       "visits": r.visits} for r in rows]
    })  # fmt: skip


@routes.get("/api/staff/{business_id}/customers/{customer_id}")
async def customer(request: web.Request) -> web.Response:
    """A customer of the business: their cards here and their history here."""
    services, me, business_id = _state(request).services, _me(request), _business(request)
    customer_id = _number(request.match_info["customer_id"])
    history = await customer_history_at(services.uow(), business_id, me, customer_id)
    cards = await cards_at(services.uow(), business_id, me, customer_id)
    return web.json_response({
        "name": history.customer,
        "cards": [
            {"id": c.card.id, "program": c.program.name, "balance": c.card.balance,
             "threshold": _first_cost(c.program), "kind": c.program.kind.value}
            for c in cards
        ],
        "history": [_line_json(line, history.time_zone) for line in history.lines],
        "locale": current_locale(),
    })  # fmt: skip
