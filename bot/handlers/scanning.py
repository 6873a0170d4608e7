"""Staff scanning: a photo or image file of a customer's QR, the QR deep link, or /code."""

from __future__ import annotations

import re
from datetime import timedelta

from telegram import Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.callbacks import Prefix, pattern, pressed
from bot.handlers.common import current_staff
from bot.i18n import t
from bot.keyboards import pick_code, scan_result
from bot.metrics import Metrics
from bot.qr_reader import QrReadError
from bot.services import BotApp, Context
from bot.tier_words import with_tier
from bot.updates import MissingPart, message_of, user_of
from domain.commands import NoteAwardReply, ScanCustomer
from domain.conversations import Acting
from domain.errors import DomainError, InvalidInput, NotAllowed
from domain.ledger import note_award_reply
from domain.models import ScanOutcome
from domain.rewards import ladder, next_reward
from domain.scanning import ScanResult, scan_customer

TOKEN_IN_TEXT = re.compile(r"(?:^|[?&]start=|^/start )q_([A-Za-z0-9_-]{20,62})$")


def token_from_text(text: str) -> str | None:
    """Our customer token from a decoded QR text (the deep link) or a bare `q_` payload."""
    match = TOKEN_IN_TEXT.search(text.strip())
    return match.group(1) if match else None


async def on_photo(update: Update, context: Context) -> None:
    """A photo (or an image sent as a file) from staff is a scan."""
    staff = await _staff_or_refuse(update, context, "photo_not_staff")
    message = message_of(update)
    attachment = message.photo[-1] if message.photo else message.document
    if attachment is None:
        raise MissingPart("photo handler got neither a photo nor a file")
    limit = context.services.settings.max_photo_bytes
    if attachment.file_size and attachment.file_size > limit:
        raise InvalidInput("image_too_large")
    if message.document and not (message.document.mime_type or "").startswith("image/"):
        raise InvalidInput("document_not_image")
    if context.services.reader.busy:  # refused before the download: nothing held meanwhile
        raise InvalidInput("reader_busy")
    data = bytes(await (await attachment.get_file()).download_as_bytearray())
    try:
        texts = await context.services.reader.read(data)
    except QrReadError as error:
        raise InvalidInput(error.key) from None
    tokens = list(dict.fromkeys(tok for tok in map(token_from_text, texts) if tok))
    if not tokens:
        raise InvalidInput("qr_not_ours" if texts else "qr_none")
    if len(tokens) > 1:  # e.g. two phones on the counter: staff say which one they meant
        await message.reply_text(t("qr_which", count=len(tokens)), reply_markup=pick_code(tokens))
        return
    await scan_and_reply(update, context, staff.business_id, token=tokens[0])


async def on_pick_code(update: Update, context: Context) -> None:
    """One of the codes of a photo with several: scan that one (each button once)."""
    button = pressed(update, 1)
    token = button.text(0)
    staff = await _staff_or_refuse(update, context, "photo_not_staff")
    key = f"cb:{button.message.chat_id}:{button.message.message_id}:{token}"
    # Answered after the scan, so a refusal (no default program, ...) shows as the alert.
    await scan_and_reply(update, context, staff.business_id, key=key, token=token)
    await button.query.answer()


async def on_code(update: Update, context: Context) -> None:
    """/code K7QX-4M2P: the manual code, for when the camera fails."""
    staff = await _staff_or_refuse(update, context, "not_staff")
    if not context.args:
        await message_of(update).reply_text(t("code_usage"))
        return
    limit_lookups(context, staff)
    await scan_and_reply(update, context, staff.business_id, manual_code="".join(context.args))


async def scan_link(update: Update, context: Context, token: str) -> None:
    """Staff opened a customer's QR deep link with the phone camera."""
    staff = await _staff_or_refuse(update, context, "own_qr_opened")
    await scan_and_reply(update, context, staff.business_id, token=token)


async def scan_and_reply(
    update: Update,
    context: Context,
    business_id: int,
    key: str | None = None,
    *,
    token: str | None = None,
    manual_code: str | None = None,
) -> None:
    """Scan by token or manual code; `key` makes it count once (default: the message)."""
    services = context.services
    message = message_of(update)
    cmd = ScanCustomer(
        business_id=business_id,
        staff_telegram_id=user_of(update).id,
        idempotency_key=key or f"msg:{message.chat_id}:{message.message_id}",
        cooldown=timedelta(seconds=services.settings.scan_cooldown_seconds),
        invite_ttl=timedelta(days=services.settings.enrollment_ttl_days),
        token=token,
        manual_code=manual_code,
    )
    result = await scan_customer(services.uow(), cmd, services.signer)
    metrics: Metrics = context.bot_data["metrics"]
    metrics.scanned(result.outcome.value)
    services.dispatcher.wake()
    text = t("for_business", business=result.business) + "\n" + scan_text(result)
    markup = scan_result(result.card.id, result.entry_id) if result.card else None
    reply = await message.reply_text(text, reply_markup=markup)
    if result.entry_id is not None:
        # Only this message's Undo may reverse the award (see domain.ledger.undo_award).
        noted = NoteAwardReply(result.entry_id, reply.chat_id, reply.message_id)
        await note_award_reply(services.uow(), noted)


def limit_lookups(context: Context, staff: Acting) -> None:
    """/code and /invite look customers up by a typed code: a few a minute per staff member."""
    if not context.services.lookups.allow(staff.telegram_id):
        raise NotAllowed("too_many_lookups", limit=context.services.settings.code_rate_per_minute)


def scan_text(result: ScanResult) -> str:
    outcome = result.outcome
    if result.customer is None:
        return t(f"scan_{outcome.value}")
    names: dict[str, str | int] = {
        "customer": result.customer.display_name,
        "program": result.program.name if result.program else "",
        "balance": result.card.balance if result.card else 0,
        "threshold": _goal(result),
        "points": result.points,
        "kind": result.program.kind.value if result.program else "points",
    }
    if outcome is ScanOutcome.NOT_ENROLLED and result.declined:
        return t("scan_not_enrolled_declined", **names)
    if outcome is ScanOutcome.NOT_ENROLLED and result.request is None:
        return t("scan_not_enrolled_pending", **names)
    text = with_tier(t(f"scan_{outcome.value}", **names), result.tier, "scan_tier")
    if result.reward is not None:
        text += "\n" + t("scan_reward_ready", reward=result.reward.name, **names)
    return text


def _goal(result: ScanResult) -> int:
    """The next reward's cost (the top one's once every reward is within the balance)."""
    balance = result.card.balance if result.card else 0
    rungs = ladder(result.program.rewards) if result.program else ()
    upcoming = next_reward(rungs, balance)
    return upcoming.cost if upcoming else (rungs[-1].cost if rungs else 0)


async def _staff_or_refuse(update: Update, context: Context, refusal: str) -> Acting:
    try:
        return await current_staff(update, context)
    except DomainError as error:
        if error.key == "business_suspended":
            raise  # staff of a suspended business are told so
        raise NotAllowed(refusal) from None


def register(app: BotApp) -> None:
    private = filters.ChatType.PRIVATE
    images = filters.PHOTO | filters.Document.ALL
    app.add_handler(MessageHandler(private & images, on_photo))
    app.add_handler(CommandHandler("code", on_code, filters=private))
    app.add_handler(CallbackQueryHandler(on_pick_code, pattern=pattern(Prefix.QR_PICK)))
