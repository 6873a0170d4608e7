"""Owners' growth handlers: /newpromo (a batch of single-use codes, exported as CSV and as a
printable sheet, or one shared code), and a program's referral terms, which /editprogram hands
over here (`referral_bonus`, `referral_cap`)."""

from __future__ import annotations

import asyncio
import csv
import io

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.handlers.common import current_staff, whole_number
from bot.handlers.growth import PROMO
from bot.i18n import day, is_rtl, t
from bot.pictures.promo_sheet import SheetCard, SheetWords, sheet_pdf
from bot.services import BotApp, Context
from bot.updates import message_of
from domain.conversations import Acting
from domain.errors import InvalidAmount, InvalidInput
from domain.growth.codes import shown
from domain.growth.commands import CreatePromoBatch, CreateSharedPromo, SetReferralTerms
from domain.growth.promos import PromoBatch, create_promo_batch, create_shared_promo
from domain.growth.referrals import set_referral_terms

REFERRAL_FIELDS = ("referral_bonus", "referral_cap")
NO_CAP = ("0", "none", "")


def _number(text: str) -> int:
    return whole_number(text, InvalidAmount("amount_not_integer"))


async def edit_referral_terms(
    update: Update, context: Context, staff: Acting, program_id: int, field: str, value: str
) -> None:
    """/editprogram ID referral_bonus N (0: off) or referral_cap N (none: no cap)."""
    if field == "referral_bonus":
        cmd = SetReferralTerms(program_id, staff.telegram_id, bonus=_number(value))
    elif value.strip().lower() in NO_CAP:
        cmd = SetReferralTerms(program_id, staff.telegram_id, clear_cap=True)
    else:
        cmd = SetReferralTerms(program_id, staff.telegram_id, monthly_cap=_number(value))
    terms = await set_referral_terms(context.services.uow(), cmd)
    program = await _program_words(context, program_id)
    if not terms.on:
        text = t("referral_terms_off", program=program[0])
    else:
        key = "referral_terms_no_cap" if terms.monthly_cap is None else "referral_terms_set"
        text = t(key, program=program[0], kind=program[1], bonus=terms.bonus,
                 cap=terms.monthly_cap)  # fmt: skip
    await message_of(update).reply_text(text)


async def _program_words(context: Context, program_id: int) -> tuple[str, str]:
    async with context.services.uow() as uow:
        program = await uow.programs.get(program_id)
    return (program.name, program.kind.value) if program else ("", "points")


async def on_newpromo(update: Update, context: Context) -> None:
    """/newpromo batch COUNT POINTS DAYS | shared POINTS DAYS TOTAL [PER_CUSTOMER]."""
    staff = await current_staff(update, context)
    args = [a.lower() for a in context.args or []]
    uow = context.services.uow()
    if len(args) == 4 and args[0] == "batch":
        count, points, days = (_number(a) for a in args[1:])
        cmd = CreatePromoBatch(staff.business_id, staff.telegram_id, count, points, days)
        await _send_batch(update, context, await create_promo_batch(uow, cmd))
    elif len(args) in (4, 5) and args[0] == "shared":
        points, days, total = (_number(a) for a in args[1:4])
        per = _number(args[4]) if len(args) == 5 else 1
        shared = CreateSharedPromo(staff.business_id, staff.telegram_id, points, days, total, per)
        made = await create_shared_promo(uow, shared)
        await _send_shared(update, context, made)
    else:
        raise InvalidInput("newpromo_usage")


async def _send_shared(update: Update, context: Context, made: PromoBatch) -> None:
    code = made.codes[0]
    await message_of(update).reply_text(
        t("promo_shared_made", code=shown(code.code), points=code.points,
          kind=made.program.kind.value, total=code.max_uses, per=code.per_customer,
          until=day(code.expires_at, tz=made.business.time_zone),
          link=context.services.deep_link(PROMO + code.code)),
        disable_web_page_preview=True,
    )  # fmt: skip


async def _send_batch(update: Update, context: Context, made: PromoBatch) -> None:
    first = made.codes[0]
    kind, until = made.program.kind.value, day(first.expires_at, tz=made.business.time_zone)
    cards = [
        SheetCard(shown(c.code), context.services.deep_link(PROMO + c.code)) for c in made.codes
    ]
    words = SheetWords(
        made.business.name, t("promo_sheet_points", points=first.points, kind=kind),
        t("promo_sheet_until", until=until), t("promo_sheet_hint"), rtl=is_rtl(),
    )  # fmt: skip
    message = message_of(update)
    await message.reply_text(
        t("promo_batch_made", count=len(cards), points=first.points, kind=kind, until=until)
    )
    rows = [(card.code, card.link, first.points, first.expires_at.isoformat()) for card in cards]
    await message.reply_document(
        _csv(rows), filename=f"promo-{first.batch}.csv", caption=t("promo_csv_caption")
    )
    # Drawing pages at 300 dpi takes a while: keep the event loop free meanwhile.
    pdf = await asyncio.to_thread(sheet_pdf, cards, words)
    await message.reply_document(
        pdf, filename=f"promo-{first.batch}.pdf", caption=t("promo_sheet_caption")
    )


def _csv(rows: list[tuple[str, str, int, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(("code", "link", "points", "expires_at"))
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def register(app: BotApp) -> None:
    app.add_handler(CommandHandler("newpromo", on_newpromo, filters=filters.ChatType.PRIVATE))
