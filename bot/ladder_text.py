"""Rewards ladders in words: the line under a program in /programs, the ladder screen."""

from __future__ import annotations

from bot.i18n import t
from domain.models import Program, Reward
from domain.rewards import ladder


def rung(reward: Reward, kind: str) -> str:
    return t("ladder_rung", reward=reward.name, cost=reward.cost, kind=kind)


def ladder_line(program: Program) -> str:
    """One line: every reward with its cost, cheapest first."""
    rungs = " · ".join(rung(r, program.kind.value) for r in ladder(program.rewards))
    return t("ladder_line", rewards=rungs or t("ladder_none"))


def ladder_text(program: Program) -> str:
    """The ladder screen: numbered rungs, what redeeming does, how to change it."""
    lines = [t("ladder_title", id=program.id, program=program.name)]
    lines += [
        t("ladder_row", n=n, rung=rung(r, program.kind.value))
        for n, r in enumerate(ladder(program.rewards), start=1)
    ]
    lines.append(
        t("ladder_keeps") if program.redeem_keeps
        else t("ladder_consumes", kind=program.kind.value)
    )  # fmt: skip
    lines.append(t("ladder_help"))
    return "\n".join(lines)
