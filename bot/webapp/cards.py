"""A card as the Mini App draws it: its balance, tier, rewards ladder and expiry, in words.

The one place a card becomes JSON (the wallet's cards and one card's page): a field added to
CardView is added here and drawn by the page's `drawCard`. The words are the chat's own (My
cards' progress, tier and expiry lines), so the page and the chat never disagree.
"""

from __future__ import annotations

from typing import Any

from bot.i18n import t
from bot.ladder_text import rung
from bot.tier_words import multiplier_words, tier_words
from bot.views import expiry_words, goal, progress
from domain.models import Reward
from domain.queries import CardView
from domain.reward_ladder import Redeemable
from domain.rewards import ladder, next_reward


def card_json(view: CardView) -> dict[str, Any]:
    program, tier = view.program, view.tier
    return {
        "id": view.card.id,
        "number": view.card.number,
        "business": view.business,
        "program": program.name,
        "kind": program.kind.value,
        "balance": view.card.balance,
        "threshold": goal(view),
        "rewards": [{"name": r.name, "cost": r.cost} for r in ladder(program.rewards)],
        "ladder": ladder_json(view),
        "progress": progress(view),
        "tier": None if tier is None else {
            "name": tier.name, "multiplier": multiplier_words(tier),
            "text": tier_words(tier, "card_tier"),
        },
        "expiry": expiry_words(view) or None,
    }  # fmt: skip


def ladder_json(view: CardView) -> list[dict[str, Any]]:
    """Every rung, cheapest first: `state` is claimed (given once already, where stamps are
    kept), ready (the balance pays for it), next (the one counted toward, with "N to go") or
    later; `note` says the state in words."""
    balance, kind = view.card.balance, view.program.kind.value
    upcoming = next_reward(view.program.rewards, balance, view.claimed)
    rungs = []
    for reward in ladder(view.program.rewards):
        if reward.id in view.claimed:
            state, note = "claimed", t("webapp_rung_claimed")
        elif reward.cost <= balance:
            state, note = "ready", t("webapp_rung_ready")
        elif upcoming is not None and reward.id == upcoming.id:
            state, note = "next", t("webapp_rung_to_go", left=reward.cost - balance, kind=kind)
        else:
            state, note = "later", ""
        rungs.append({
            "id": reward.id, "name": reward.name, "cost": reward.cost,
            "cost_words": t("webapp_rung_cost", cost=reward.cost, kind=kind),
            "state": state, "note": note,
        })  # fmt: skip
    return rungs


def offer_json(offer: Redeemable) -> dict[str, Any]:
    """What staff may redeem on a card, as the chat's 🎁 Redeem offers it: the affordable
    rewards with the question, or none with the chat's clear answer."""
    balance, kind = offer.card.balance, offer.program.kind.value
    if offer.rewards:
        text = t("redeem_choose", balance=balance, kind=kind)
    elif offer.upcoming is not None:
        text = t("redeem_none", balance=balance, kind=kind, rung=rung(offer.upcoming, kind))
    else:
        text = t("redeem_none_left")
    return {"text": text, "rewards": [_choice(r, kind) for r in offer.rewards]}


def _choice(reward: Reward, kind: str) -> dict[str, Any]:
    return {"id": reward.id, "label": rung(reward, kind)}
