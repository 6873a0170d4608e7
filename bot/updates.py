"""Typed access to the parts of an update a handler relies on.

PTB types every part of an update as optional, since an update carries one of many things. A
handler is registered for one kind (a message, a button press), so a part it relies on that is
missing means it was wired wrongly: these raise, and the error handler logs it.
"""

from __future__ import annotations

from telegram import CallbackQuery, Message, Update, User


class MissingPart(RuntimeError):
    """The update lacks what its handler is registered for."""


def message_of(update: Update) -> Message:
    """The message the update is about: the one sent, or the one a pressed button is under."""
    message = update.effective_message
    if message is None:
        raise MissingPart("update without a message")
    return message


def text_of(update: Update) -> str:
    """The text of the update's message; empty when it has none (a photo, a sticker)."""
    message = message_of(update)
    return message.text or ""


def user_of(update: Update) -> User:
    user = update.effective_user
    if user is None:
        raise MissingPart("update without a user")
    return user


def chat_id_of(update: Update) -> int:
    chat = update.effective_chat
    if chat is None:
        raise MissingPart("update without a chat")
    return chat.id


def query_of(update: Update) -> CallbackQuery:
    query = update.callback_query
    if query is None:
        raise MissingPart("update without a button press")
    return query
