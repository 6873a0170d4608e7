"""Rewards ladder handlers: owners change a program's rewards from /programs; staff redeem the
reward the customer chose from the ones the card pays for.

Owners answer in one line: "10 Coffee" adds a reward; for an existing one, a number re-costs
it, words rename it, both do both. Every change is confirmed with the ladder as it now is, and
logged (who, what, which program: ids and the reward's name, never a customer's data).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot import steps
from bot.callbacks import Prefix, pattern, pressed
from bot.handlers.common import current_staff
from bot.i18n import t
from bot.keyboards_rewards import confirm_removal, ladder_controls, reward_choice
from bot.ladder_text import ladder_text, rung
from bot.services import BotApp, Context
from bot.updates import chat_id_of, message_of, text_of, user_of
from domain.approvals import request_deduction
from domain.commands import ChangeReward, KeepStamps, RequestDeduction
from domain.conversations import start_owner_step
from domain.errors import NotFound
from domain.models import ChatState, RequestKind
from domain.reward_ladder import (
    LadderChange,
    change_reward,
    keep_stamps,
    owned_program,
    redeemable,
)
from domain.rewards import parse_rung

log = logging.getLogger(__name__)

NEW_REWARD = "reward_new"  # step data: {"program_id": int}
EDIT_REWARD = "reward_edit"  # step data: {"program_id": int, "reward_id": int}


async def on_ladder(update: Update, context: Context) -> None:
    """🎁 Rewards under a program in /programs: its ladder with the buttons that change it."""
    button = pressed(update, 1)
    staff = await current_staff(update, context)
    program = await owned_program(context.services.uow(), button.number(0), staff.telegram_id)
    await button.query.answer()
    await button.message.reply_text(ladder_text(program), reply_markup=ladder_controls(program))


async def on_add(update: Update, context: Context) -> None:
    """➕ Add reward: the next text is the new reward in one line."""
    button = pressed(update, 1)
    staff = await current_staff(update, context)
    data = {"program_id": button.number(0)}
    await start_owner_step(context.services.uow(), chat_id_of(update), staff, NEW_REWARD, data)
    await button.query.answer()
    await button.message.reply_text(t("ladder_ask_add"))


@steps.step(NEW_REWARD)
async def on_new_reward(update: Update, context: Context, state: ChatState) -> None:
    """ "10 Coffee": a refused line keeps the step, for a corrected one."""
    line = parse_rung(text_of(update))
    cmd = ChangeReward(int(state.data["program_id"]), user_of(update).id, name=line.name,
                       cost=line.cost)  # fmt: skip
    await _confirm(update, context, await change_reward(context.services.uow(), cmd))


async def on_edit(update: Update, context: Context) -> None:
    """✏️ a reward: the next text is its new name, its new cost, or both."""
    button = pressed(update, 2)
    staff = await current_staff(update, context)
    program_id, reward_id = button.number(0), button.number(1)
    program = await owned_program(context.services.uow(), program_id, staff.telegram_id)
    reward = next((r for r in program.rewards if r.id == reward_id), None)
    if reward is None:
        raise NotFound("reward_not_found")
    data = {"program_id": program_id, "reward_id": reward_id}
    await start_owner_step(context.services.uow(), chat_id_of(update), staff, EDIT_REWARD, data)
    await button.query.answer()
    await button.message.reply_text(t("ladder_ask_edit", reward=reward.name, cost=reward.cost))


@steps.step(EDIT_REWARD)
async def on_edited_reward(update: Update, context: Context, state: ChatState) -> None:
    """A number re-costs, words rename, "12 Big coffee" does both."""
    text = " ".join(text_of(update).split())
    if text.isdigit():
        name, cost = None, int(text)
    elif any(word.isdigit() for word in (text.split()[:1] + text.split()[-1:])):
        line = parse_rung(text)
        name, cost = line.name, line.cost
    else:
        name, cost = text, None
    cmd = ChangeReward(int(state.data["program_id"]), user_of(update).id,
                       reward_id=int(state.data["reward_id"]), name=name, cost=cost)  # fmt: skip
    await _confirm(update, context, await change_reward(context.services.uow(), cmd))


async def on_remove(update: Update, context: Context) -> None:
    """❌ a reward: ask first; a removal cannot be taken back by a button."""
    button = pressed(update, 2)
    staff = await current_staff(update, context)
    program_id, reward_id = button.number(0), button.number(1)
    program = await owned_program(context.services.uow(), program_id, staff.telegram_id)
    reward = next((r for r in program.rewards if r.id == reward_id), None)
    if reward is None:
        raise NotFound("reward_not_found")
    await button.query.answer()
    await button.message.reply_text(
        t("ladder_confirm_remove", rung=rung(reward, program.kind.value)),
        reply_markup=confirm_removal(program_id, reward),
    )


async def on_remove_confirmed(update: Update, context: Context) -> None:
    """Yes, remove: pending requests for it are refused when the customer answers."""
    button = pressed(update, 2)
    staff = await current_staff(update, context)
    cmd = ChangeReward(button.number(0), staff.telegram_id, reward_id=button.number(1),
                       remove=True)  # fmt: skip
    change = await change_reward(context.services.uow(), cmd)
    await button.query.answer()
    await _confirm(update, context, change)


async def on_keep(update: Update, context: Context) -> None:
    """The keep-stamps switch of a stamps program."""
    button = pressed(update, 2)
    staff = await current_staff(update, context)
    keep = button.choice(1, "0", "1") == "1"
    cmd = KeepStamps(button.number(0), staff.telegram_id, keep)
    change = await keep_stamps(context.services.uow(), cmd)
    await button.query.answer()
    await _confirm(update, context, change)


async def _confirm(update: Update, context: Context, change: LadderChange) -> None:
    """Say what changed, with the ladder as it now is and its buttons; log it."""
    await steps.leave(update, context)
    program, reward, before = change.program, change.reward, change.before
    log.info(
        "rewards: %s by %s in program %s: reward %s %r cost %s",
        change.action, user_of(update).id, program.id, reward.id if reward else "-",
        reward.name if reward else "", reward.cost if reward else "-",
    )  # fmt: skip
    said = t(
        f"ladder_{change.action}", reward=reward.name if reward else "",
        cost=reward.cost if reward else 0, before=before.name if before else "",
        before_cost=before.cost if before else 0,
    )  # fmt: skip
    await message_of(update).reply_text(
        f"{said}\n\n{ladder_text(program)}", reply_markup=ladder_controls(program)
    )


async def offer_rewards(update: Update, context: Context) -> None:
    """🎁 Redeem under a scan: the rewards the card pays for, one button each."""
    button = pressed(update, 1)
    staff = await current_staff(update, context)
    offer = await redeemable(context.services.uow(), staff.business_id, staff.telegram_id,
                             button.number(0))  # fmt: skip
    balance, kind = offer.card.balance, offer.program.kind.value
    if not offer.rewards:
        upcoming = offer.upcoming
        text = (
            t("redeem_none", balance=balance, kind=kind, rung=rung(upcoming, kind))
            if upcoming else t("redeem_none_left")
        )  # fmt: skip
        await button.query.answer(text, show_alert=True)
        return
    await button.query.answer()
    await button.message.reply_text(
        t("redeem_choose", balance=balance, kind=kind),
        reply_markup=reward_choice(offer.card.id, offer.rewards),
    )


async def on_redeem_reward(update: Update, context: Context) -> None:
    """A reward's button: ask the customer to approve it (a refusal shows as an alert)."""
    button = pressed(update, 2)
    staff = await current_staff(update, context)
    settings = context.services.settings
    cmd = RequestDeduction(
        staff.business_id, staff.telegram_id, button.number(0), RequestKind.REDEMPTION,
        ttl=timedelta(minutes=settings.deduction_ttl_minutes), reward_id=button.number(1),
    )  # fmt: skip
    request = await request_deduction(context.services.uow(), cmd)
    context.services.dispatcher.wake()
    await button.query.answer()
    await button.message.reply_text(t("request_sent_reward", reward=request.reason))


def register(app: BotApp) -> None:
    handlers = {
        Prefix.LADDER: on_ladder, Prefix.LADDER_ADD: on_add, Prefix.LADDER_EDIT: on_edit,
        Prefix.LADDER_REMOVE: on_remove, Prefix.LADDER_DROP: on_remove_confirmed,
        Prefix.LADDER_KEEP: on_keep, Prefix.REDEEM_REWARD: on_redeem_reward,
    }  # fmt: skip
    for prefix, handler in handlers.items():
        app.add_handler(CallbackQueryHandler(handler, pattern=pattern(prefix)))
