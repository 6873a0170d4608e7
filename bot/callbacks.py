"""Callback data: every inline button's data is encoded and decoded here, typed and prefixed.

Data is `prefix:arg:arg`, well inside Telegram's 64-byte limit. Decoding never trusts it: the
use case behind each button checks who presses it and what it points at.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_BYTES = 64


@dataclass(frozen=True)
class Callback:
    prefix: str
    args: tuple[str, ...]

    def int(self, index: int) -> int:
        return int(self.args[index])


class Prefix:
    ANSWER = "rq"  # rq:<request_id>:y|n  the customer answers a request
    PREF = "pf"  # pf:<category>          toggle a notification category
    UNDO = "un"  # un:<entry_id>          undo a scan's award
    ADD = "ad"  # ad:<card_id>:<points>  award more to the scanned card
    OTHER = "oa"  # oa:<card_id>          ask staff for another amount
    REDEEM = "rd"  # rd:<card_id>         request the reward's redemption
    DEDUCT = "dd"  # dd:<card_id>         ask staff for an amount to deduct
    CUSTOMERS = "cp"  # cp:<page>         customers list page
    PROGRAM = "pg"  # pg:<program_id>:d|x make default / deactivate
    BUSINESS = "bz"  # bz:<business_id>   choose the business to act for
    STAFF_REMOVE = "sr"  # sr:<telegram_id>  remove a staff member
    PROGRAM_KIND = "pk"  # pk:points|stamps   the kind of a program being created
    CUSTOMER_HISTORY = "ch"  # ch:<customer_id>  a customer's history at this business
    QR_PICK = "qs"  # qs:<token>           which of several codes in one photo to scan


def encode(prefix: str, *args: object) -> str:
    data = ":".join([prefix, *(str(a) for a in args)])
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def decode(data: str | None) -> Callback | None:
    """The parsed callback, or None for data this bot never makes."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    prefix, *args = data.split(":")
    if not prefix or any(not a for a in args):
        return None
    return Callback(prefix, tuple(args))


def pattern(prefix: str) -> str:
    """A regex for CallbackQueryHandler matching one prefix."""
    return rf"^{prefix}(:|$)"
