"""Sending, editing and deleting messages through PTB's real Bot against the sandbox."""

from __future__ import annotations

import json

import pytest
from telegram import (
    Bot,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    ReplyParameters,
)
from telegram.error import BadRequest

from sandbox.client import SandboxUser


def keyboard(*pairs: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data)] for text, data in pairs]
    )


async def test_send_message_returns_a_message_from_the_bot(bot: Bot, ann: SandboxUser) -> None:
    msg = await bot.send_message(ann.chat_id, "hello", reply_markup=keyboard(("Go", "go")))
    assert isinstance(msg, Message)
    assert msg.text == "hello"
    assert msg.chat.id == ann.chat_id
    assert msg.from_user is not None and msg.from_user.id == bot.id and msg.from_user.is_bot
    assert msg.reply_markup == keyboard(("Go", "go"))
    [shown] = await ann.transcript()
    assert shown.text == "hello" and shown.buttons == [[("Go", "go")]]


async def test_message_ids_increase_per_chat(bot: Bot, ann: SandboxUser, sb) -> None:
    bob = await sb.create_user(first_name="Bob", username="bob")
    await ann.send_text("hi")
    ids = [(await bot.send_message(ann.chat_id, f"m{i}")).message_id for i in range(3)]
    assert ids == [2, 3, 4]
    assert (await bot.send_message(bob.chat_id, "first")).message_id == 1


async def test_a_parse_mode_is_accepted_and_the_text_kept_as_sent(
    bot: Bot, ann: SandboxUser
) -> None:
    """The bot formats nothing, so the sandbox renders nothing; it must not refuse the call."""
    msg = await bot.send_message(ann.chat_id, "<b>Total</b> 5", parse_mode="HTML")
    assert (msg.text, msg.entities) == ("<b>Total</b> 5", ())


async def test_reply_keyboards_are_accepted_and_kept_in_the_transcript(
    bot: Bot, ann: SandboxUser
) -> None:
    await bot.send_message(ann.chat_id, "pick", reply_markup=ReplyKeyboardMarkup([["A", "B"]]))
    await bot.send_message(ann.chat_id, "gone", reply_markup=ReplyKeyboardRemove())
    msg = await bot.send_message(ann.chat_id, "say", reply_markup=ForceReply())
    assert msg.reply_markup is None  # only inline keyboards appear on a Message
    pick, gone, _ = await ann.transcript()
    assert pick.reply_markup["keyboard"] == [[{"text": "A"}, {"text": "B"}]]
    assert gone.reply_markup == {"remove_keyboard": True}


async def test_replies_carry_the_replied_message(bot: Bot, ann: SandboxUser) -> None:
    sent = await ann.send_text("question")
    msg = await bot.send_message(
        ann.chat_id, "answer", reply_parameters=ReplyParameters(sent.message_id)
    )
    assert msg.reply_to_message is not None and msg.reply_to_message.text == "question"
    msg = await bot.send_message(ann.chat_id, "again", reply_to_message_id=sent.message_id)
    assert msg.reply_to_message.message_id == sent.message_id
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await bot.send_message(ann.chat_id, "x", reply_parameters=ReplyParameters(999))
    ok = await bot.send_message(
        ann.chat_id, "x", reply_parameters=ReplyParameters(999, allow_sending_without_reply=True)
    )
    assert ok.reply_to_message is None


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"text": ""}, "Message text is empty"),
        ({"text": "   "}, "Message text is empty"),
        ({"text": "x" * 4097}, "Message is too long"),
        ({"text": "ok", "reply_markup": keyboard(("Big", "x" * 65))}, "Button_data_invalid"),
        ({"text": "ok", "reply_markup": keyboard(("Empty", ""))}, "Button_data_invalid"),
        ({"text": "ok", "chat_id": 42}, "Chat not found"),
    ],
)
async def test_bad_sends_raise_bad_request(
    bot: Bot, ann: SandboxUser, kwargs: dict, error: str
) -> None:
    kwargs.setdefault("chat_id", ann.chat_id)
    with pytest.raises(BadRequest, match=error):
        await bot.send_message(**kwargs)
    assert await ann.transcript() == []


async def test_longest_allowed_text_and_64_byte_callback_data_pass(
    bot: Bot, ann: SandboxUser
) -> None:
    data = "é" * 32  # 64 bytes in UTF-8
    msg = await bot.send_message(ann.chat_id, "x" * 4096, reply_markup=keyboard(("Ok", data)))
    assert len(msg.text) == 4096
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(ann.chat_id, "x", reply_markup=keyboard(("Ok", data + "a")))


async def test_missing_required_parameter_is_a_bad_request(api, ann: SandboxUser) -> None:
    status, body = await api("sendMessage", chat_id=ann.chat_id)
    assert (status, body) == (
        400,
        {"ok": False, "error_code": 400, "description": "Bad Request: message text is empty"},
    )
    status, body = await api("sendMessage", how="form", text="hi")
    assert status == 400 and body["description"] == "Bad Request: chat_id is empty"


@pytest.mark.parametrize("how", ["json", "form", "get"])
async def test_parameters_arrive_as_json_form_or_query(api, ann: SandboxUser, how: str) -> None:
    markup = {"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}
    params = {"chat_id": ann.chat_id, "text": "123", "reply_markup": markup}
    if how != "json":  # non-string values travel JSON-encoded, as PTB sends them
        params = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
    status, body = await api("sendMessage", how=how, **params)
    assert status == 200 and body["ok"] is True
    assert body["result"]["text"] == "123"
    assert body["result"]["reply_markup"] == markup


async def test_edits_are_recorded_in_the_transcript(bot: Bot, ann: SandboxUser) -> None:
    msg = await bot.send_message(ann.chat_id, "Balance: 5", reply_markup=keyboard(("More", "m")))
    edited = await bot.edit_message_text(
        "Balance: 6", chat_id=ann.chat_id, message_id=msg.message_id,
        reply_markup=keyboard(("Less", "l")),
    )  # fmt: skip
    assert isinstance(edited, Message)
    assert edited.text == "Balance: 6" and edited.edit_date is not None
    # Without reply_markup, editing the text removes the inline keyboard, as Telegram does.
    edited = await bot.edit_message_text(
        "Balance: 7", chat_id=ann.chat_id, message_id=msg.message_id
    )
    assert edited.reply_markup is None
    [shown] = await ann.transcript()
    assert shown.edited and shown.text == "Balance: 7"
    assert [h["text"] for h in shown.edit_history] == ["Balance: 5", "Balance: 6"]
    assert shown.edit_history[1]["reply_markup"]["inline_keyboard"][0][0]["text"] == "Less"


async def test_edit_errors(bot: Bot, ann: SandboxUser) -> None:
    msg = await bot.send_message(ann.chat_id, "same", reply_markup=keyboard(("A", "a")))
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text(
            "same",
            chat_id=ann.chat_id,
            message_id=msg.message_id,
            reply_markup=keyboard(("A", "a")),
        )
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("new", chat_id=ann.chat_id, message_id=999)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_reply_markup(chat_id=ann.chat_id, message_id=999)
    sent = await ann.send_text("mine")
    with pytest.raises(BadRequest, match="Message can't be edited"):
        await bot.edit_message_text("x", chat_id=ann.chat_id, message_id=sent.message_id)
    with pytest.raises(BadRequest, match="There is no caption"):
        await bot.edit_message_caption(chat_id=ann.chat_id, message_id=msg.message_id, caption="c")


async def test_edit_reply_markup_and_caption(bot: Bot, ann: SandboxUser, make_image) -> None:
    msg = await bot.send_message(ann.chat_id, "pick", reply_markup=keyboard(("A", "a")))
    edited = await bot.edit_message_reply_markup(
        chat_id=ann.chat_id, message_id=msg.message_id, reply_markup=keyboard(("B", "b"))
    )
    assert edited.reply_markup == keyboard(("B", "b"))
    edited = await bot.edit_message_reply_markup(chat_id=ann.chat_id, message_id=msg.message_id)
    assert edited.reply_markup is None
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(chat_id=ann.chat_id, message_id=msg.message_id)
    photo = await bot.send_photo(ann.chat_id, make_image(), caption="old")
    edited = await bot.edit_message_caption(
        chat_id=ann.chat_id, message_id=photo.message_id, caption="new"
    )
    assert edited.caption == "new" and edited.photo == photo.photo
    with pytest.raises(BadRequest, match="There is no text in the message to edit"):
        await bot.edit_message_text("t", chat_id=ann.chat_id, message_id=photo.message_id)
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.edit_message_caption(
            chat_id=ann.chat_id, message_id=photo.message_id, caption="c" * 1025
        )


async def test_delete_message(bot: Bot, ann: SandboxUser) -> None:
    msg = await bot.send_message(ann.chat_id, "bye")
    assert await bot.delete_message(ann.chat_id, msg.message_id) is True
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(ann.chat_id, msg.message_id)
    [shown] = await ann.transcript()
    assert shown.deleted
    assert await ann.last_message() is None


async def test_send_chat_action_is_accepted(bot: Bot, ann: SandboxUser) -> None:
    assert await bot.send_chat_action(ann.chat_id, "typing") is True
    with pytest.raises(BadRequest):
        await bot.send_chat_action(ann.chat_id, "dancing")
