"""Domain errors: each carries a message key the bot turns into a friendly text."""

from __future__ import annotations


class DomainError(Exception):
    """A rule was broken; nothing was written. `key` names the user-facing message."""

    key = "error"

    def __init__(self, key: str | None = None, **params: object) -> None:
        self.key = key or type(self).key
        self.params = params
        super().__init__(self.key, params)


class NotFound(DomainError):
    key = "not_found"


class NotAllowed(DomainError):
    key = "not_allowed"


class InvalidAmount(DomainError):
    key = "invalid_amount"


class InvalidInput(DomainError):
    key = "invalid_input"


class InsufficientBalance(DomainError):
    key = "insufficient_balance"


class RequestNotPending(DomainError):
    key = "request_not_pending"


class TokenRejected(DomainError):
    """A QR token was refused; `key` is the outcome: invalid, forged, expired or revoked."""

    key = "invalid"


class UndoRefused(DomainError):
    """Undo pressed away from the award's own scan reply, or too late: the points stay.

    Carries what the bot needs to offer a deduction the customer approves instead.
    """

    key = "undo_too_late"

    def __init__(self, key: str, *, card_id: int, points: int, minutes: int) -> None:
        super().__init__(key, minutes=minutes)
        self.card_id = card_id
        self.points = points
