"""Control API under /sandbox/: act as users, read transcripts, set faults and limits.

JSON over HTTP, so tests in other processes can use it (``sandbox.client`` wraps it):
  POST /sandbox/users {first_name, last_name, username, language_code}  (idempotent on username)
  GET  /sandbox/users?username=NAME            GET /sandbox/users/{id}
  POST /sandbox/users/{id}/messages {text, reply_to_message_id}
  POST /sandbox/users/{id}/messages/{message_id}/edit {text}   (an edited_message update)
  POST /sandbox/users/{id}/photos | /documents   multipart: photo|document file, caption
  POST /sandbox/users/{id}/press {message_id, label | data, forged}
  POST /sandbox/users/{id}/block | /unblock     GET /sandbox/users/{id}/callback_answers
  POST /sandbox/users/{id}/language {language_code}   what the user's app reports from now on
  GET  /sandbox/callbacks/{query_id}?wait=S     the bot's answerCallbackQuery, long-polled
  GET  /sandbox/chats/{chat_id}/messages?since=V&wait=S&all=0|1&bytes=0|1
       messages changed after version V (long-polled up to S seconds) and the new version
  GET  /sandbox/files/{file_id}?download=NAME   POST /sandbox/faults, /sandbox/rate_limits
  GET  /sandbox/info    the bot, the version and the upload limits
  GET  /sandbox/stats   POST /sandbox/stats/reset   GET /sandbox/commands?scope=JSON
"""

from __future__ import annotations

import base64
import json
import time
from typing import Any

from aiohttp import web

from sandbox import actions
from sandbox.bot_info import scope_key
from sandbox.botapi import STORE_KEY
from sandbox.files import MAX_DOCUMENT_UPLOAD, MAX_PHOTO_UPLOAD, attachment, served_type
from sandbox.limits import Faults, RateLimits
from sandbox.params import ApiError
from sandbox.state import MessageRec, Store, UserRec

MAX_WAIT = 60.0
routes = web.RouteTableDef()


def _fail(status: int, message: str) -> web.HTTPException:
    kind = {404: web.HTTPNotFound, 409: web.HTTPConflict}.get(status, web.HTTPBadRequest)
    return kind(text=json.dumps({"error": message}), content_type="application/json")


def _store(request: web.Request) -> Store:
    return request.app[STORE_KEY]


def _user(request: web.Request) -> UserRec:
    try:
        user = _store(request).users.get(int(request.match_info["user_id"]))
    except ValueError:
        user = None
    if user is None:
        raise _fail(404, f"no user {request.match_info['user_id']}")
    return user


def _user_json(store: Store, user: UserRec) -> dict[str, Any]:
    return {
        "user": user.data,
        "chat_id": user.id,
        "blocked": user.blocked,
        "version": store.version,
    }


async def _body(request: web.Request) -> dict[str, Any]:
    if not request.can_read_body:
        return {}
    try:
        body = await request.json()
    except ValueError:
        raise _fail(400, "body must be JSON") from None
    return body if isinstance(body, dict) else {}


def _wait_arg(request: web.Request) -> float:
    return min(float(request.query.get("wait", 0) or 0), MAX_WAIT)


@routes.get("/sandbox/info")
async def info(request: web.Request) -> web.Response:
    store = _store(request)
    limits = {"photo": MAX_PHOTO_UPLOAD, "document": MAX_DOCUMENT_UPLOAD}
    return web.json_response({"bot": store.bot, "version": store.version, "limits": limits})


@routes.post("/sandbox/users")
async def create_user(request: web.Request) -> web.Response:
    store = _store(request)
    body = await _body(request)
    try:
        fields = actions.profile(body)
    except actions.ActionError as exc:
        raise _fail(exc.status, str(exc)) from None
    user = store.add_user(
        first_name=fields.pop("first_name"),
        last_name=body.get("last_name") or "",
        username=body.get("username") or None,
        **fields,
    )
    return web.json_response(_user_json(store, user))


@routes.get("/sandbox/users")
async def find_users(request: web.Request) -> web.Response:
    store = _store(request)
    username = request.query.get("username")
    users = [store.find_user(username)] if username else list(store.users.values())
    return web.json_response([_user_json(store, u) for u in users if u is not None])


@routes.get("/sandbox/users/{user_id}")
async def get_user(request: web.Request) -> web.Response:
    return web.json_response(_user_json(_store(request), _user(request)))


def _act(fn: Any, *args: Any, **kwargs: Any) -> web.Response:
    try:
        return web.json_response(fn(*args, **kwargs))
    except actions.ActionError as exc:
        raise _fail(exc.status, str(exc)) from None
    except ApiError as exc:
        raise _fail(400, exc.description) from None


@routes.post("/sandbox/users/{user_id}/messages")
async def send_text(request: web.Request) -> web.Response:
    body = await _body(request)
    reply_to = body.get("reply_to_message_id")
    return _act(actions.send_text, _store(request), _user(request), str(body.get("text", "")),
                reply_to)  # fmt: skip


@routes.post("/sandbox/users/{user_id}/messages/{message_id}/edit")
async def edit_text(request: web.Request) -> web.Response:
    body = await _body(request)
    try:
        message_id = int(request.match_info["message_id"])
    except ValueError:
        raise _fail(400, "message_id must be a number") from None
    return _act(actions.edit_text, _store(request), _user(request), message_id,
                str(body.get("text", "")))  # fmt: skip


async def _upload(request: web.Request, part: str) -> tuple[web.FileField, str | None]:
    form = await request.post()
    upload = form.get(part)
    if not isinstance(upload, web.FileField):
        raise _fail(400, f"multipart part {part!r} with a file is required")
    caption = form.get("caption")
    return upload, caption if isinstance(caption, str) and caption else None


@routes.post("/sandbox/users/{user_id}/photos")
async def send_photo(request: web.Request) -> web.Response:
    upload, caption = await _upload(request, "photo")
    return _act(actions.send_photo, _store(request), _user(request), upload.file.read(), caption)


@routes.post("/sandbox/users/{user_id}/documents")
async def send_document(request: web.Request) -> web.Response:
    upload, caption = await _upload(request, "document")
    return _act(actions.send_document, _store(request), _user(request), upload.file.read(),
                upload.filename, upload.content_type, caption)  # fmt: skip


@routes.post("/sandbox/users/{user_id}/press")
async def press(request: web.Request) -> web.Response:
    body = await _body(request)
    try:
        message_id = int(body["message_id"])
    except (KeyError, TypeError, ValueError):
        raise _fail(400, "message_id is required") from None
    return _act(actions.press, _store(request), _user(request), message_id,
                body.get("label"), body.get("data"), bool(body.get("forged")))  # fmt: skip


@routes.post("/sandbox/users/{user_id}/{action:block|unblock}")
async def block(request: web.Request) -> web.Response:
    store, user = _store(request), _user(request)
    store.set_blocked(user, request.match_info["action"] == "block")
    return web.json_response(_user_json(store, user))


@routes.post("/sandbox/users/{user_id}/language")
async def set_language(request: web.Request) -> web.Response:
    store, user = _store(request), _user(request)
    language = (await _body(request)).get("language_code")
    return _act(lambda: _user_json(store, actions.set_language(user, language)))


@routes.get("/sandbox/users/{user_id}/callback_answers")
async def callback_answers(request: web.Request) -> web.Response:
    store, user = _store(request), _user(request)
    found = [
        {"callback_query_id": q.id, "message_id": q.message_id, "data": q.data, **q.answer}
        for q in store.callbacks.values()
        if q.user_id == user.id and q.answer is not None
    ]
    return web.json_response(found)


@routes.get("/sandbox/callbacks/{query_id}")
async def callback(request: web.Request) -> web.Response:
    store = _store(request)
    query = store.callbacks.get(request.match_info["query_id"])
    if query is None:
        raise _fail(404, "no such callback query")
    deadline = time.monotonic() + _wait_arg(request)
    while query.answer is None and (left := deadline - time.monotonic()) > 0:
        await store.changed.wait(left)
    return web.json_response({"data": query.data, "answer": query.answer})


def _message_json(store: Store, rec: MessageRec, with_bytes: bool) -> dict[str, Any]:
    out = rec.to_json()
    if with_bytes:
        data = rec.data
        file_id = data["photo"][-1]["file_id"] if "photo" in data else None
        file_id = file_id or (data.get("document") or {}).get("file_id")
        file = store.files.get(file_id) if file_id else None
        if file is not None:
            out["file_bytes"] = base64.b64encode(file.data).decode()
    return out


@routes.get("/sandbox/chats/{chat_id}/messages")
async def chat_messages(request: web.Request) -> web.Response:
    """Messages changed after version ``since``; with ``wait``, long-polls for the first."""
    store = _store(request)
    chat = store.chats.get(int(request.match_info["chat_id"]))
    if chat is None:
        raise _fail(404, "no such chat")
    since = int(request.query.get("since", 0))
    everyone = request.query.get("all") == "1"
    with_bytes = request.query.get("bytes", "1") == "1"
    deadline = time.monotonic() + _wait_arg(request)
    while True:
        version = store.version
        found = [
            m for m in chat.messages.values() if m.version > since and (everyone or m.from_bot)
        ]
        left = deadline - time.monotonic()
        if found or left <= 0 or store.closing:
            break
        await store.changed.wait(left)
    body = {"version": version, "messages": [_message_json(store, m, with_bytes) for m in found]}
    return web.json_response(body)


@routes.get("/sandbox/files/{file_id}")
async def file_bytes(request: web.Request) -> web.Response:
    rec = _store(request).files.get(request.match_info["file_id"])
    if rec is None:
        raise _fail(404, "no such file")
    # The page links to these: a file the bot sent must not run as a page of the sandbox.
    headers = {"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "sandbox"}
    if "download" in request.query:  # ?download=NAME saves it instead of showing it
        headers["Content-Disposition"] = attachment(rec, request.query["download"])
    return web.Response(body=rec.data, content_type=served_type(rec), headers=headers)


@routes.post("/sandbox/faults")
async def set_faults(request: web.Request) -> web.Response:
    body = await _body(request)
    allowed = {"rate_429", "rate_5xx", "rate_drop", "delay_ms", "methods", "seed", "retry_after"}
    try:
        faults = Faults.build(**{k: v for k, v in body.items() if k in allowed})
    except TypeError as exc:
        raise _fail(400, str(exc)) from None
    _store(request).faults = faults
    return web.json_response(faults.to_dict())


@routes.post("/sandbox/rate_limits")
async def set_rate_limits(request: web.Request) -> web.Response:
    body = await _body(request)
    fields = ("global_per_second", "per_chat_per_second", "per_chat_burst", "enabled")
    limits = RateLimits(**{k: body[k] for k in fields if body.get(k) is not None})
    _store(request).limiter.configure(limits)
    return web.json_response(limits.__dict__)


@routes.get("/sandbox/stats")
async def stats(request: web.Request) -> web.Response:
    return web.json_response(_store(request).stats.snapshot())


@routes.post("/sandbox/stats/reset")
async def reset_stats(request: web.Request) -> web.Response:
    store = _store(request)
    store.stats.reset()
    return web.json_response(store.stats.snapshot())


@routes.get("/sandbox/commands")
async def commands(request: web.Request) -> web.Response:
    store = _store(request)
    scope = json.loads(request.query.get("scope") or "null")
    try:
        key = scope_key(store, scope, request.query.get("language_code"))
    except ApiError as exc:
        raise _fail(400, exc.description) from None
    return web.json_response(store.commands.get(key, []))
