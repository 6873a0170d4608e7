"""Guided steps: a step name is registered with its handler; one text handler dispatches.

A chat's step (the question the bot asked last) and its answers so far are stored in the
database (domain.conversations) before the question is sent, and read again for each update:
any worker can take the answer, and a restarted bot continues. PTB's ConversationHandler and
persistence keep state in one process (TELEGRAM.md), so they are not used.

"cancel" means the same everywhere: /cancel or a typed "cancel" leaves any step.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import CommandHandler, MessageHandler, filters

from bot.i18n import LOCALES, t
from bot.services import BotApp, Context
from bot.updates import chat_id_of, message_of, text_of
from domain.conversations import chat_state, end_step, go_to_step
from domain.errors import InvalidInput
from domain.models import ChatState

StepHandler = Callable[[Update, Context, ChatState], Awaitable[None]]
CANCEL_WORDS = frozenset({"cancel", "/cancel"} | {t("cancel_word", loc) for loc in LOCALES})
LONG_TEXT = 1000  # characters: longer unexpected text gets "too long" rather than "unknown"

_handlers: dict[str, StepHandler] = {}


def step(name: str) -> Callable[[StepHandler], StepHandler]:
    """Register the handler of the answer to step `name` (each name once)."""

    def register(handler: StepHandler) -> StepHandler:
        if _handlers.get(name, handler) is not handler:
            raise ValueError(f"step {name!r} registered twice")
        _handlers[name] = handler
        return handler

    return register


async def state_of(update: Update, context: Context) -> ChatState:
    """The chat's state, read from the database once per update."""
    if context.chat_state is None:
        context.chat_state = await chat_state(context.services.uow(), chat_id_of(update))
    return context.chat_state


async def expect(update: Update, context: Context, name: str) -> ChatState:
    """A step's own button: valid only while the chat is at that step."""
    state = await state_of(update, context)
    if state.step != name:
        raise InvalidInput("stale_button")
    return state


async def go_to(
    update: Update, context: Context, name: str, data: dict[str, Any] | None = None
) -> None:
    """Move the chat to step `name` with the answers so far; call before asking."""
    await go_to_step(context.services.uow(), chat_id_of(update), name, data)
    context.chat_state = None


async def leave(update: Update, context: Context, *, act_for: int | None = None) -> None:
    """Leave any step (and with `act_for`, act for that business from now on)."""
    await end_step(context.services.uow(), chat_id_of(update), act_for=act_for)
    context.chat_state = None


async def on_cancel(update: Update, context: Context) -> None:
    """/cancel or a typed "cancel": leave whichever step is running."""
    await leave(update, context)
    await message_of(update).reply_text(t("cancelled"))


async def on_text(update: Update, context: Context) -> None:
    """Any text that is not a command: the answer to the chat's step, or an unknown message."""
    text = text_of(update)
    if text.strip().lower() in CANCEL_WORDS:
        await on_cancel(update, context)
        return
    state = await state_of(update, context)
    handler = _handlers.get(state.step) if state.step else None
    if handler is None:
        key = "text_too_long" if len(text) > LONG_TEXT else "unknown_command"
        await message_of(update).reply_text(t(key))
        return
    await handler(update, context, state)


def register(app: BotApp) -> None:
    """/cancel, and last in the chain every text no other handler took: a step's answer."""
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("cancel", on_cancel, filters=private))
    app.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND, on_text))
