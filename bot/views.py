"""Formatting domain views into message texts: cards, history, requests."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.i18n import signed, t, when
from bot.keyboards import request_answer
from bot.rendering import reason_suffix
from bot.tier_words import with_tier
from domain.models import LedgerEntry, ProgramKind
from domain.queries import CardView, RequestView

MAX_STAMPS_SHOWN = 20


def progress(view: CardView) -> str:
    left = view.program.reward_threshold - view.card.balance
    if left <= 0:
        return t("progress_ready", reward=view.program.reward_name)
    return t(
        "progress_left", left=left, reward=view.program.reward_name, kind=view.program.kind.value
    )


def stamps(balance: int, threshold: int) -> str:
    """Filled and empty marks, e.g. ●●●○○○○○○○ for 3 of 10."""
    shown = min(threshold, MAX_STAMPS_SHOWN)
    filled = min(balance, threshold) * shown // threshold
    return "●" * filled + "○" * (shown - filled)


def card_line(view: CardView) -> str:
    program = view.program
    common = {
        "business": view.business, "program": program.name, "balance": view.card.balance,
        "progress": progress(view), "threshold": program.reward_threshold,
    }  # fmt: skip
    if program.kind is ProgramKind.STAMPS:
        marks = stamps(view.card.balance, program.reward_threshold)
        line = t("card_line_stamps", stamps=marks, **common)
    else:
        line = t("card_line_points", **common)
    return with_tier(line, view.tier, "card_tier", indent="   ")


def cards_text(cards: list[CardView]) -> str:
    if not cards:
        return t("cards_empty")
    return "\n\n".join([t("cards_header"), *(card_line(v) for v in cards)])


def history_text(history: list[tuple[CardView, list[LedgerEntry]]]) -> str:
    if not history:
        return t("history_empty")
    parts = [t("history_header")]
    for view, entries in history:
        parts.append(
            t("history_card", business=view.business, program=view.program.name,
              balance=view.card.balance)
        )  # fmt: skip
        lines = [
            "  " + t("history_line", when=when(e.created_at, tz=view.time_zone),
                     delta=signed(e.delta), reason=reason_words(e.reason, e.note))
            for e in entries
        ]  # fmt: skip
        parts.append("\n".join(lines) or "  " + t("history_none"))
    return "\n".join(parts)


def reason_words(reason: str, note: str = "") -> str:
    """A ledger reason code in words, with what a person typed after it."""
    words = t(f"reason_{reason}")
    return t("reason_with_note", reason=words, note=note) if note else words


def request_message(view: RequestView) -> tuple[str, InlineKeyboardMarkup]:
    request = view.request
    template = f"{request.kind.value}_request"
    if request.kind.value == "enrollment":
        template = "enrollment_request_short"
    reason = request.reason
    text = t(
        template, business=view.business, program=view.program, amount=request.amount,
        reason=reason, reason_suffix=reason_suffix(reason), balance=view.balance,
        reward="", threshold="",
    )  # fmt: skip
    kind = "enrollment" if request.kind.value == "enrollment" else "deduction"
    return text, request_answer(request.id, kind)
