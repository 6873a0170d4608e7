"""Keyboard factories of rewards ladders: the owner's ladder screen, staff's reward choice."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import Prefix, encode
from bot.i18n import t
from domain.models import Program, ProgramKind, Reward
from domain.rewards import MAX_REWARDS, ladder

MAX_LABEL = 48  # as keyboards_business: long names make buttons unreadable on a phone


def _button(label: str, prefix: str, *args: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(label[:MAX_LABEL], callback_data=encode(prefix, *args))


def ladder_button_row(program: Program) -> list[InlineKeyboardButton]:
    """The 🎁 button under a program in /programs: its ladder screen."""
    return [_button(t("ladder_button", id=program.id), Prefix.LADDER, program.id)]


def ladder_controls(program: Program) -> InlineKeyboardMarkup:
    """✏️ and ❌ for each reward, ➕ while the ladder has room, and the keep-stamps switch."""
    rows = [
        [
            _button(t("ladder_edit_button", reward=r.name), Prefix.LADDER_EDIT, program.id, r.id),
            _button(
                t("ladder_remove_button", reward=r.name), Prefix.LADDER_REMOVE, program.id, r.id
            ),
        ]
        for r in ladder(program.rewards)
    ]
    if len(program.rewards) < MAX_REWARDS:
        rows.append([_button(t("ladder_add_button"), Prefix.LADDER_ADD, program.id)])
    if program.kind is ProgramKind.STAMPS:
        key, flip = ("ladder_keep_on", 0) if program.redeem_keeps else ("ladder_keep_off", 1)
        rows.append([_button(t(key), Prefix.LADDER_KEEP, program.id, flip)])
    return InlineKeyboardMarkup(rows)


def confirm_removal(program_id: int, reward: Reward) -> InlineKeyboardMarkup:
    label = t("ladder_remove_yes", reward=reward.name)
    return InlineKeyboardMarkup([[_button(label, Prefix.LADDER_DROP, program_id, reward.id)]])


def reward_choice(card_id: int, rewards: tuple[Reward, ...]) -> InlineKeyboardMarkup:
    """A button per reward the card pays for, dearest first (the likelier wish on top)."""
    return InlineKeyboardMarkup(
        [
            [_button(t("redeem_reward_button", reward=r.name, cost=r.cost),
                     Prefix.REDEEM_REWARD, card_id, r.id)]
            for r in reversed(rewards)
        ]
    )  # fmt: skip
