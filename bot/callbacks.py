"""Callback data: every inline button's data is encoded and decoded here, typed and prefixed.

Data is `prefix:arg:arg`, well inside Telegram's 64-byte limit. Decoding never trusts it:
`pressed` refuses data of the wrong shape as a stale button, and the use case behind each
button checks who presses it and what it points at.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import CallbackQuery, Message, Update

from bot.updates import query_of
from domain.errors import InvalidInput

MAX_BYTES = 64


@dataclass(frozen=True)
class Callback:
    prefix: str
    args: tuple[str, ...]


@dataclass(frozen=True)
class Pressed:
    """A pressed button: its query, the message it is under, and its arguments, typed."""

    query: CallbackQuery
    message: Message
    prefix: str
    args: tuple[str, ...]

    def number(self, index: int) -> int:
        try:
            return int(self.args[index])
        except ValueError:
            raise InvalidInput("stale_button") from None

    def choice(self, index: int, *allowed: str) -> str:
        if self.args[index] not in allowed:
            raise InvalidInput("stale_button")
        return self.args[index]

    def text(self, index: int) -> str:
        return self.args[index]


def pressed(update: Update, count: int) -> Pressed:
    """The button pressed in `update`, with exactly `count` arguments, else a stale button."""
    query = query_of(update)
    callback = decode(query.data)
    # No message: it is too old for the bot to see (Telegram's InaccessibleMessage).
    message = update.effective_message
    if callback is None or len(callback.args) != count or message is None:
        raise InvalidInput("stale_button")
    return Pressed(query, message, callback.prefix, callback.args)


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
    LANGUAGES = "ll"  # ll                 show the languages to choose from
    LANGUAGE = "lg"  # lg:<locale>         speak this language from now on
    QR_PICK = "qs"  # qs:<token>           which of several codes in one photo to scan
    ADMIN_PAGE = "op"  # op:<page>          operators' list of businesses
    ADMIN_ACT = "ob"  # ob:<a|s|r>:<business_id>:<page>  approve / suspend / resume
    LEAVE = "lv"  # lv:<card_id>            leave the program of this card
    FORGET = "fg"  # fg                     yes, erase my personal data
    NEVER_INVITE = "nv"  # nv:<request_id>  reject an invitation and block the business
    UNDO_BY_REQUEST = "ur"  # ur:<card_id>:<points>  too late to undo: ask the customer instead
    STAFF_JOIN = "sj"  # sj:<code>:y|n        join a business's staff with this link, or not
    STAFF_INVITE = "si"  # si                   a new single-use staff invitation link
    STAFF_REVOKE = "sv"  # sv:<invitation_id>   revoke an open invitation
    STAFF_LIMIT = "sl"  # sl:<telegram_id>     set a staff member's daily manual-award limit
    STAFF_PAGE = "sp"  # sp:<page>            /staff list page
    PROGRAMS_PAGE = "pp"  # pp:<page>          /programs list page
    BIRTHDAY = "bd"  # bd                      set my birthday (Settings)
    # Rewards ladders (bot.handlers.rewards)
    REDEEM_REWARD = "rw"  # rw:<card_id>:<reward_id>  ask the customer to approve this reward
    LADDER = "lr"  # lr:<program_id>                   a program's ladder with its buttons
    LADDER_ADD = "la"  # la:<program_id>               ask for a new reward, "10 Coffee"
    LADDER_EDIT = "le"  # le:<program_id>:<reward_id>  ask for a new name and/or cost
    LADDER_REMOVE = "lx"  # lx:<program_id>:<reward_id>  ask to confirm a removal
    LADDER_DROP = "ly"  # ly:<program_id>:<reward_id>  yes, remove it
    LADDER_KEEP = "lk"  # lk:<program_id>:1|0          stamps kept (1) or spent (0) on redemption
    EXPIRY = "ex"  # ex:<program_id>:v|d|w:<days>  show expiry / set its days (0: off) / warning
    TIERS = "tr"  # tr:<program_id>:s|a|w   tier screen / add or change / window
    TIER_REMOVE = "tx"  # tx:<program_id>:<tier_id>  remove a tier


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
