"""The owner's tier controls: /tiers ID [...] in one line, or the 🏅 Tiers screen's buttons.

Every change is confirmed with the tier screen as it now is, and logged (who, which program,
what); a refused change says why and changes nothing (domain/tier_settings.py).
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import steps
from bot.callbacks import Prefix, pattern, pressed
from bot.handlers.common import current_staff, whole_number
from bot.i18n import t
from bot.keyboards_tiers import tier_screen
from bot.services import BotApp, Context
from bot.tier_words import multiplier_words
from bot.updates import message_of, text_of, user_of
from domain.errors import InvalidInput
from domain.models import ChatState
from domain.tier_settings import (
    RemoveTier,
    SetTier,
    SetTierWindow,
    TierSettings,
    program_tiers,
    remove_tier,
    set_tier,
    set_tier_window,
)
from domain.tiers import parse_percent

log = logging.getLogger(__name__)

TIER_LINE = "tier_line"  # step: "Silver 500 1.25" for the program in data["program_id"]
TIER_WINDOW = "tier_window"  # step: months, or 0 for lifetime
NO_WINDOW = ("0", "none", "off", "-")


def screen_text(settings: TierSettings) -> str:
    program = settings.program
    lines = [t("tier_screen_title", id=program.id, program=program.name)]
    lines += [
        t("tier_screen_line", tier=tier.name, threshold=tier.threshold,
          multiplier=multiplier_words(tier))
        for tier in settings.tiers
    ] or [t("tier_screen_none")]  # fmt: skip
    months = program.tier_window_months
    lines.append(t("tier_window_months", months=months) if months else t("tier_window_lifetime"))
    return "\n".join([*lines, "", t("tier_screen_help", id=program.id)])


def parse_tier(program_id: int, telegram_id: int, words: list[str]) -> SetTier:
    """NAME POINTS MULTIPLIER (the name may have spaces)."""
    if len(words) < 3:
        raise InvalidInput("tier_line_usage")
    *name, points, multiplier = words
    threshold = whole_number(points, InvalidInput("tier_bad_threshold", maximum=1_000_000))
    return SetTier(program_id, telegram_id, " ".join(name), threshold, parse_percent(multiplier))


def parse_window(program_id: int, telegram_id: int, text: str) -> SetTierWindow:
    value = text.strip().lower()
    if value in NO_WINDOW:
        return SetTierWindow(program_id, telegram_id, None)
    months = whole_number(value, InvalidInput("tier_bad_window", minimum=1, maximum=120))
    return SetTierWindow(program_id, telegram_id, months)


async def on_tiers(update: Update, context: Context) -> None:
    """/tiers ID: the screen; /tiers ID NAME POINTS X; /tiers ID remove NAME; ... window N."""
    staff = await current_staff(update, context)
    args = context.args or []
    if not args:
        await message_of(update).reply_text(t("tier_usage"))
        return
    program_id = whole_number(args[0], InvalidInput("tier_usage"))
    by, rest, uow = staff.telegram_id, args[1:], context.services.uow()
    if not rest:
        settings = await program_tiers(uow, program_id, by)
        await _show(update, settings)
    elif rest[0].lower() == "remove" and len(rest) > 1:
        settings = await remove_tier(uow, RemoveTier(program_id, by, " ".join(rest[1:])))
        await _confirm(update, settings, "tier_removed_done")
    elif rest[0].lower() == "window" and len(rest) == 2:
        settings = await set_tier_window(uow, parse_window(program_id, by, rest[1]))
        await _confirm(update, settings, "tier_window_done")
    else:
        settings = await set_tier(uow, parse_tier(program_id, by, rest))
        await _confirm(update, settings, "tier_set_done")


async def on_tier_button(update: Update, context: Context) -> None:
    """🏅 Tiers (s), ➕ Add or change (a), 🗓 Window (w): the screen, or ask for the line."""
    button = pressed(update, 2)
    program_id, action = button.number(0), button.choice(1, "s", "a", "w")
    staff = await current_staff(update, context)
    settings = await program_tiers(context.services.uow(), program_id, staff.telegram_id)
    await button.query.answer()
    if action == "s":
        text, markup = screen_text(settings), tier_screen(settings)
        await button.message.reply_text(text, reply_markup=markup)
        return
    step, question = (
        (TIER_LINE, "tier_ask_line") if action == "a" else (TIER_WINDOW, "tier_ask_window")
    )
    await steps.go_to(update, context, step, {"program_id": program_id})
    await button.message.reply_text(t(question))


async def on_tier_remove(update: Update, context: Context) -> None:
    """🗑 under the tier screen: remove that tier."""
    button = pressed(update, 2)
    staff = await current_staff(update, context)
    cmd = RemoveTier(button.number(0), staff.telegram_id, tier_id=button.number(1))
    settings = await remove_tier(context.services.uow(), cmd)
    await button.query.answer()
    await _confirm(update, settings, "tier_removed_done")


@steps.step(TIER_LINE)
async def on_tier_line(update: Update, context: Context, state: ChatState) -> None:
    """The tier typed after ➕: a refusal keeps the step, so the owner can send it again."""
    program_id = int(state.data["program_id"])
    cmd = parse_tier(program_id, user_of(update).id, text_of(update).split())
    settings = await set_tier(context.services.uow(), cmd)
    await steps.leave(update, context)
    await _confirm(update, settings, "tier_set_done")


@steps.step(TIER_WINDOW)
async def on_tier_window(update: Update, context: Context, state: ChatState) -> None:
    """The months typed after 🗓 (0: lifetime)."""
    cmd = parse_window(int(state.data["program_id"]), user_of(update).id, text_of(update))
    settings = await set_tier_window(context.services.uow(), cmd)
    await steps.leave(update, context)
    await _confirm(update, settings, "tier_window_done")


async def _show(update: Update, settings: TierSettings) -> None:
    markup: InlineKeyboardMarkup = tier_screen(settings)
    await message_of(update).reply_text(screen_text(settings), reply_markup=markup)


async def _confirm(update: Update, settings: TierSettings, done: str) -> None:
    program = settings.program
    log.info(
        "tiers of program %s changed by %s (%s %s): %s, window %s",
        program.id, user_of(update).id, done, settings.changed,
        ", ".join(f"{x.name} {x.threshold} x{x.multiplier}" for x in settings.tiers) or "none",
        program.tier_window_months or "lifetime",
    )  # fmt: skip
    text = "\n\n".join(
        [t(done, tier=settings.changed), screen_text(settings), t("tier_changes_later")]
    )
    await message_of(update).reply_text(text, reply_markup=tier_screen(settings))


def register(app: BotApp) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("tiers", on_tiers, filters=private))
    app.add_handler(CallbackQueryHandler(on_tier_button, pattern=pattern(Prefix.TIERS)))
    app.add_handler(CallbackQueryHandler(on_tier_remove, pattern=pattern(Prefix.TIER_REMOVE)))
