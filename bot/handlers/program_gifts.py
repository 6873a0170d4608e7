"""/programs' growth settings: the birthday gift and win-back bonus beside each program, and
`/editprogram <id> birthday_gift|winback_bonus|winback_days <value|off>` to set them."""

from __future__ import annotations

from telegram import Update

from bot.handlers.common import whole_number
from bot.i18n import t
from bot.services import Context
from bot.updates import message_of
from domain.conversations import Acting
from domain.errors import InvalidAmount
from domain.growth.owner_ports import ProgramGifts
from domain.growth.program_gifts import FIELDS, SetProgramGift, program_gifts, set_program_gift
from domain.growth.winback import DEFAULT_DAYS

OFF_WORDS = ("off", "0", "none", "")


async def gifts_of(context: Context, program_ids: list[int]) -> dict[int, ProgramGifts]:
    return await program_gifts(context.services.uow(), program_ids)


def gift_line(gifts: ProgramGifts | None) -> str:
    """The line under a program in /programs (empty when neither is on)."""
    if gifts is None or not (gifts.birthday_points or gifts.winback_points):
        return ""
    birthday = gifts.birthday_points or t("prog_gift_off")
    winback = gifts.winback_points or t("prog_gift_off")
    days = gifts.winback_days or DEFAULT_DAYS
    return "\n" + t("prog_gifts", birthday=birthday, winback=winback, days=days)


def is_gift_field(field: str) -> bool:
    return field in FIELDS


async def edit_gift(
    update: Update, context: Context, staff: Acting, program_id: int, field: str, value: str
) -> None:
    """/editprogram's growth fields: a number, or "off"."""
    word = value.strip().lower()
    number = None if word in OFF_WORDS else whole_number(word, InvalidAmount("amount_not_integer"))
    cmd = SetProgramGift(staff.business_id, staff.telegram_id, program_id, field, number)
    await set_program_gift(context.services.uow(), cmd)
    shown = t("prog_gift_off") if number is None else number
    await message_of(update).reply_text(
        t("prog_gift_set", id=program_id, field=field, value=shown)
    )
