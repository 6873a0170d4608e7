"""A card's tier in words: "🏅 Gold · ×1.5", for My cards and the staff's scan reply."""

from __future__ import annotations

from bot.i18n import number, t
from domain.tiers import Tier


def tier_words(tier: Tier | None, key: str) -> str:
    """The tier as text `key` says it (card_tier, scan_tier); "" for no tier."""
    if tier is None:
        return ""
    return t(key, tier=tier.name, multiplier=multiplier_words(tier))


def multiplier_words(tier: Tier) -> str:
    """1.25 as the locale writes it (1,25 in French); a whole percent is exact as a float."""
    return number(float(tier.multiplier))


def with_tier(text: str, tier: Tier | None, key: str, indent: str = "") -> str:
    """`text` with the tier on a line of its own below it, when there is one."""
    words = tier_words(tier, key)
    return f"{text}\n{indent}{words}" if words else text
