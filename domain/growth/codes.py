"""Random codes for referral links and promo codes: unguessable, and easy to read and type."""

from __future__ import annotations

import math
import secrets

# No 0/O, 1/I/L, U/V: nothing a person could misread on paper or mistype from it.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
PROMO_LENGTH = 10  # 10 symbols of 29: 48.6 random bits (at least 40 are asked for)
REFERRAL_LENGTH = 16  # 77.7 bits: a link nobody types, so longer costs nothing
GROUP = 5  # shown as XXXXX-XXXXX


def bits(length: int) -> float:
    """The random bits a code of `length` symbols carries."""
    return length * math.log2(len(ALPHABET))


def new_code(length: int = PROMO_LENGTH) -> str:
    """A fresh random code from the operating system's generator."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalize(text: str) -> str | None:
    """A code as stored, from what a person typed ("k7qxm-4m2pz", with spaces or dashes);
    None when it cannot be one of ours."""
    cleaned = "".join(text.split()).replace("-", "").upper()
    if not cleaned or len(cleaned) > 32 or any(c not in ALPHABET for c in cleaned):
        return None
    return cleaned


def shown(code: str) -> str:
    """A code as printed: in groups of five, dash-separated."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))
