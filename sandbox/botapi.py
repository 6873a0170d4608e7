"""HTTP front of the Bot API: token check, fault injection, dispatch and Telegram's envelopes."""

from __future__ import annotations

import asyncio
import logging
import mimetypes
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from sandbox import bot_info, files, methods, updates
from sandbox.params import ApiError, Params, retry_after
from sandbox.state import Store

log = logging.getLogger(__name__)
STORE_KEY: web.AppKey[Store] = web.AppKey("sandbox_store", Store)

Method = Callable[[Store, Params], Awaitable[Any]]
METHODS: dict[str, tuple[str, Method]] = {
    name.lower(): (name, fn)
    for name, fn in {
        "getMe": bot_info.get_me,
        "getUpdates": updates.get_updates,
        "setWebhook": updates.set_webhook,
        "deleteWebhook": updates.delete_webhook,
        "getWebhookInfo": updates.get_webhook_info,
        "sendMessage": methods.send_message,
        "sendPhoto": methods.send_photo,
        "sendDocument": methods.send_document,
        "editMessageText": methods.edit_message_text,
        "editMessageCaption": methods.edit_message_caption,
        "editMessageReplyMarkup": methods.edit_message_reply_markup,
        "deleteMessage": methods.delete_message,
        "answerCallbackQuery": methods.answer_callback_query,
        "sendChatAction": methods.send_chat_action,
        "getFile": files.get_file,
        "setMyCommands": bot_info.set_my_commands,
        "getMyCommands": bot_info.get_my_commands,
        "deleteMyCommands": bot_info.delete_my_commands,
        "setChatMenuButton": bot_info.set_chat_menu_button,
        "getChatMenuButton": bot_info.get_chat_menu_button,
    }.items()
}


def _answer(store: Store, status: int, body: dict[str, Any]) -> web.Response:
    if status != 200:
        store.stats.errors[status] += 1
    return web.json_response(body, status=status)


def _error(store: Store, error: ApiError) -> web.Response:
    return _answer(store, error.code, error.envelope())


async def _inject_fault(store: Store, request: web.Request, method: str) -> web.Response | None:
    faults = store.faults
    if faults.delay_ms and faults.applies(method):
        store.stats.faults["delay"] += 1
        await asyncio.sleep(faults.delay_ms / 1000)
    kind = faults.pick(method)
    if kind is None:
        return None
    store.stats.faults[kind] += 1
    if kind == "429":
        return _error(store, retry_after(faults.retry_after))
    if kind == "5xx":
        return _error(store, ApiError(502, "Bad Gateway"))
    # A dropped connection: the client sees the socket closed without any answer.
    if request.transport is not None:
        request.transport.abort()
    raise asyncio.CancelledError


async def handle_method(request: web.Request) -> web.StreamResponse:
    store = request.app[STORE_KEY]
    if request.match_info["token"] != store.token:
        return _error(store, ApiError(401, "Unauthorized"))
    entry = METHODS.get(request.match_info["method"].lower())
    if entry is None:
        return _error(store, ApiError(404, "Not Found"))
    name, fn = entry
    store.stats.calls[name] += 1
    fault = await _inject_fault(store, request, name)
    if fault is not None:
        return fault
    try:
        params = await Params.from_request(request)
        result = await fn(store, params)
    except ApiError as exc:
        return _error(store, exc)
    return web.json_response({"ok": True, "result": result})


async def handle_file(request: web.Request) -> web.StreamResponse:
    store = request.app[STORE_KEY]
    if request.match_info["token"] != store.token:
        return _error(store, ApiError(401, "Unauthorized"))
    rec = store.files_by_path.get(request.match_info["path"])
    if rec is None:
        return _error(store, ApiError(404, "Not Found"))
    ctype = rec.mime_type or mimetypes.guess_type(rec.file_path)[0] or "application/octet-stream"
    return web.Response(body=rec.data, content_type=ctype)


def add_routes(app: web.Application) -> None:
    app.router.add_route("*", r"/bot{token}/{method}", handle_method)
    app.router.add_get(r"/file/bot{token}/{path:.+}", handle_file)
