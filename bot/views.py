"""Formatting domain views into message texts: cards, history, requests."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.i18n import short_day, signed, t, when
from bot.keyboards import request_answer
from bot.rendering import reason_suffix
from bot.tier_words import with_tier
from domain.models import LedgerEntry, ProgramKind
from domain.queries import CardView, RequestView
from domain.rewards import best_affordable, ladder, next_reward

MAX_STAMPS_SHOWN = 20


def progress(view: CardView) -> str:
    """The dearest reward the card pays for now, then how far the next one is."""
    rewards, balance, claimed = view.program.rewards, view.card.balance, view.claimed
    ready = best_affordable(rewards, balance, claimed)
    upcoming = next_reward(rewards, balance, claimed)
    parts = [t("progress_ready", reward=ready.name)] if ready else []
    if upcoming is not None:
        parts.append(
            t("progress_left", left=upcoming.cost - balance, reward=upcoming.name,
              kind=view.program.kind.value)
        )  # fmt: skip
    return " · ".join(parts) or t("progress_all_given")


def goal(view: CardView) -> int:
    """What the card counts toward: the next reward's cost, else the top of the ladder."""
    upcoming = next_reward(view.program.rewards, view.card.balance, view.claimed)
    if upcoming is not None:
        return upcoming.cost
    rungs = ladder(view.program.rewards)
    return rungs[-1].cost if rungs else max(view.card.balance, 1)


def stamps(balance: int, threshold: int) -> str:
    """Filled and empty marks, e.g. ●●●○○○○○○○ for 3 of 10."""
    shown = min(threshold, MAX_STAMPS_SHOWN)
    filled = min(balance, threshold) * shown // threshold
    return "●" * filled + "○" * (shown - filled)


def card_line(view: CardView) -> str:
    program = view.program
    common = {
        "business": view.business, "program": program.name, "balance": view.card.balance,
        "progress": progress(view), "threshold": goal(view), "kind": program.kind.value,
    }  # fmt: skip
    if program.kind is ProgramKind.STAMPS:
        marks = stamps(view.card.balance, goal(view))
        line = t("card_line_stamps", stamps=marks, **common)
    else:
        line = t("card_line_points", **common)
    return with_tier(line, view.tier, "card_tier", indent="   ")


def cards_text(cards: list[CardView]) -> str:
    if not cards:
        return t("cards_empty")
    return "\n\n".join([t("cards_header"), *(card_line(v) + expiry_line(v) for v in cards)])


def expiry_line(view: CardView) -> str:
    """ "12 points expire on 3 Jan" under a card whose points will expire, else nothing."""
    words = expiry_words(view)
    return "\n   " + words if words else ""


def expiry_words(view: CardView) -> str:
    """ "⏳ 12 points expire on 3 Jan", or "" when none of the card's points will expire."""
    if view.expiry is None:
        return ""
    soon = view.expiry
    return t("card_expiry_line", points=soon.points, kind=view.program.kind.value,
             on=short_day(soon.on))  # fmt: skip


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
    elif request.kind.value == "redemption":
        template = "reward_request_kept" if request.amount == 0 else "reward_request"
    reason = request.reason
    text = t(
        template, business=view.business, program=view.program, amount=request.amount,
        reason=reason, reason_suffix=reason_suffix(reason), balance=view.balance,
        reward=reason if request.kind.value == "redemption" else "", threshold="",
        kind=view.kind,
    )  # fmt: skip
    kind = "enrollment" if request.kind.value == "enrollment" else "deduction"
    return text, request_answer(request.id, kind)
