"""The outbox policy: which messages an event causes, to whom, how urgent, and what may merge.

`messages_for` maps one event to the messages it causes (pure); `write_outbox` stores them as
outbox rows in the committing transaction, honouring customers' preferences; `fold` decides
which unsent rows are merged before sending. Storage stores and claims rows and knows no
message by name.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import islice

from domain.events import (
    AwardUndone,
    BusinessAwaitingApproval,
    BusinessStatusChanged,
    CustomerMissed,
    DeductionDecided,
    DeductionRequested,
    DigestCompiled,
    EnrollmentDecided,
    EnrollmentRequested,
    ErrorAlerted,
    Event,
    ExpiryWarned,
    InvitationReminded,
    ManualAwardsAlerted,
    NewsBroadcast,
    OwnershipTransferred,
    PointsAwarded,
    PointsExpired,
    ReferralRewarded,
    RequestExpired,
    RewardInReach,
    ScannedWithoutPoints,
    StaffMemberJoined,
    TierChanged,
)
from domain.models import (
    ALWAYS_SENT,
    Category,
    Customer,
    LedgerReason,
    MessageParams,
    Notification,
    NotificationStatus,
    RequestKind,
    RequestOutcome,
    RequestStatus,
    ScanOutcome,
)
from domain.ports import UnitOfWork
from domain.rewards import first_reward, next_reward, reached

# Bulk messages go after everything else, so a broadcast never holds back a push or a request.
BULK = frozenset({Category.BUSINESS_NEWS, Category.REMINDER})
URGENT, LATER = 0, 1
POINTS_GROUP = "points"  # merge groups `points:<card id>`: unsent points messages of one card


@dataclass(frozen=True)
class Message:
    """One message an event causes: to a customer, or to a staff member's chat."""

    category: Category
    key: str
    params: MessageParams
    customer: Customer | None = None
    staff_telegram_id: int | None = None
    card_id: int | None = None
    request_id: int | None = None
    broadcast_id: str | None = None
    merge_group: str | None = None
    later: bool = False  # one of many written at once (a bulk award): after pushes and requests


def messages_for(event: Event) -> list[Message]:
    """The messages an event causes, in the order they are to be read."""
    match event:
        case PointsAwarded():
            return _points_awarded(event)
        case AwardUndone(customer=c, card=card, program=program, business=business):
            params: MessageParams = {
                "business": business, "program": program.name, "kind": program.kind.value,
                "points": event.points, "balance": card.balance,
            }  # fmt: skip
            return [Message(Category.POINTS_DEDUCTED, "points_undone", params, c, card_id=card.id)]
        case TierChanged():
            return [_tier_changed(event)]
        case ScannedWithoutPoints(customer=c, card=card, business=business):
            key = (
                "qr_scanned_capped" if event.outcome is ScanOutcome.CAPPED else "qr_scanned_again"
            )
            params = {"business": business, "balance": card.balance}
            return [Message(Category.QR_SCANNED, key, params, c, card_id=card.id)]
        case EnrollmentRequested(customer=c, request=request, program=program):
            first = first_reward(program.rewards)
            params = {
                "business": event.business, "program": program.name, "kind": program.kind.value,
                "reward": first.name if first else "", "threshold": first.cost if first else 0,
                "points_per_scan": program.points_per_scan,
            }  # fmt: skip
            return [
                Message(Category.ENROLLMENT_REQUEST, "enrollment_request", params, c,
                        request_id=request.id)
            ]  # fmt: skip
        case DeductionRequested(customer=c, request=request, card=card, program=program):
            params = {
                "business": event.business, "program": program.name, "amount": request.amount,
                "kind": program.kind.value,
                "reason": request.reason, "balance": card.balance,
                "expires_at": request.expires_at.isoformat(),
            }  # fmt: skip
            key = f"{request.kind.value}_request"
            if request.kind is RequestKind.REDEMPTION:
                params["reward"] = request.reason  # the reward's name when it was asked
                key = "reward_request_kept" if request.amount == 0 else "reward_request"
            return [
                Message(Category.DEDUCTION_REQUEST, key, params, c, card_id=card.id,
                        request_id=request.id)
            ]  # fmt: skip
        case EnrollmentDecided() | DeductionDecided():
            return [_decision_for_staff(event)]
        case RequestExpired():
            return _request_expired(event)
        case InvitationReminded(customer=c, request=request, program=program):
            # A reminder, so customers can switch it off (the invitation itself stays in
            # Requests); it asks again, so it carries the invitation's answer buttons.
            params = {"business": event.business, "program": program.name}
            return [
                Message(Category.REMINDER, "enrollment_reminder", params, c,
                        request_id=request.id)
            ]  # fmt: skip
        case RewardInReach() | CustomerMissed():
            key = "reward_near" if isinstance(event, RewardInReach) else "we_miss_you"
            upcoming = next_reward(event.program.rewards, event.card.balance)
            params = {
                "business": event.business, "program": event.program.name,
                "reward": upcoming.name if upcoming else "", "balance": event.card.balance,
                "kind": event.program.kind.value,
            }  # fmt: skip
            if isinstance(event, CustomerMissed) and event.bonus > 0:
                key, params = "winback_offer", {**params, "bonus": event.bonus, "days": event.days}
            return [Message(Category.REMINDER, key, params, event.customer, card_id=event.card.id)]
        case ExpiryWarned() | PointsExpired():
            return [_expiry_message(event)]
        case NewsBroadcast(customer=c):
            params = {"business": event.business, "text": event.text}
            return [
                Message(Category.BUSINESS_NEWS, "business_news", params, c,
                        broadcast_id=event.broadcast_id)
            ]  # fmt: skip
        case ManualAwardsAlerted():
            params = {
                "business": event.business, "staff": event.staff, "points": event.points,
                "threshold": event.threshold,
            }  # fmt: skip
            return [_to_staff(event.owner_telegram_id, "manual_awards_alert", params)]
        case StaffMemberJoined():
            params = {"name": event.name, "business": event.business}
            return [_to_staff(event.owner_telegram_id, "staff_joined", params)]
        case DigestCompiled():
            params = {
                "business": event.business, "day": event.day.isoformat(), "scans": event.scans,
                "issued": event.issued, "redeemed": event.redeemed, "new": event.new_customers,
            }  # fmt: skip
            return [_to_staff(event.owner_telegram_id, "owner_digest", params)]
        case (
            BusinessAwaitingApproval() | BusinessStatusChanged() | OwnershipTransferred()
            | ErrorAlerted()
        ):  # fmt: skip
            return _for_operators_and_owners(event)
        case ReferralRewarded():
            return [_referral_rewarded(event)]
    raise TypeError(f"no outbox policy for {type(event).__name__}")


def _for_operators_and_owners(
    event: BusinessAwaitingApproval | BusinessStatusChanged | OwnershipTransferred | ErrorAlerted,
) -> list[Message]:
    match event:
        case BusinessAwaitingApproval():
            params: MessageParams = {
                "business_id": event.business_id, "business": event.business,
                "owner": event.owner,
            }  # fmt: skip
            return [_to_staff(op, "admin_new_business", params) for op in event.operators]
        case BusinessStatusChanged():
            params = {"business": event.business}
            return [_to_staff(event.owner_telegram_id, f"biz_{event.change}", params)]
        case OwnershipTransferred():
            params = {"business": event.business}
            return [
                _to_staff(event.new_owner_telegram_id, "biz_ownership_received", params),
                _to_staff(event.old_owner_telegram_id, "biz_ownership_given", params),
            ]
        case ErrorAlerted():
            params = {"error": event.error, "where": event.where, "skipped": event.skipped}
            return [_to_staff(op, "admin_error_alert", params) for op in event.operators]


# Points that come with their own words (a gift, an owner's award) are told apart, never merged;
# those a sweep or a bulk job writes by the thousand wait behind pushes and requests.
GROWTH_KEYS = {
    LedgerReason.BIRTHDAY: "birthday_gift",
    LedgerReason.BULK: "bulk_award",
    LedgerReason.WINBACK: "winback_credited",
}
SENT_LATER = frozenset({LedgerReason.BIRTHDAY, LedgerReason.BULK})


def _expiry_message(event: ExpiryWarned | PointsExpired) -> Message:
    """A warning is a reminder (customers may switch those off); the expiry itself moves points."""
    params: MessageParams = {
        "business": event.business, "program": event.program.name,
        "kind": event.program.kind.value, "points": event.points, "balance": event.card.balance,
    }  # fmt: skip
    if isinstance(event, ExpiryWarned):
        params["on"] = event.on.isoformat()
        return Message(Category.REMINDER, "expiry_warning", params, event.customer,
                       card_id=event.card.id)  # fmt: skip
    return Message(Category.POINTS_DEDUCTED, "points_expired", params, event.customer,
                   card_id=event.card.id)  # fmt: skip


def _points_awarded(event: PointsAwarded) -> list[Message]:
    card, program = event.card, event.program
    before = card.balance - event.delta
    upcoming = next_reward(program.rewards, card.balance)
    params: MessageParams = {
        "business": event.business, "program": program.name, "kind": program.kind.value,
        "points": event.delta, "balance": card.balance,
        "threshold": upcoming.cost if upcoming else card.balance,
    }  # fmt: skip
    key = GROWTH_KEYS.get(event.reason)
    if key is not None:
        first = Message(Category.POINTS_ADDED, key, {**params, "note": event.note},
                        event.customer, card_id=card.id,
                        later=event.reason in SENT_LATER)  # fmt: skip
    else:
        first = Message(Category.POINTS_ADDED, "points_added", params, event.customer,
                        card_id=card.id, merge_group=f"{POINTS_GROUP}:{card.id}")  # fmt: skip
    messages = [first]
    crossed = reached(program.rewards, before, card.balance, event.given)
    if crossed is not None:
        reached_params: MessageParams = {
            "reward": crossed.name, "business": event.business, "balance": card.balance,
        }  # fmt: skip
        messages.append(
            Message(Category.REWARD_REACHED, "reward_reached", reached_params, event.customer,
                    card_id=card.id)
        )  # fmt: skip
    return messages


def _referral_rewarded(event: ReferralRewarded) -> Message:
    params: MessageParams = {
        "business": event.business, "program": event.program.name,
        "kind": event.program.kind.value, "points": event.points, "balance": event.card.balance,
        "friend": event.friend,
    }  # fmt: skip
    key = "referral_rewarded_friend" if event.friend is None else "referral_rewarded_referrer"
    return Message(Category.POINTS_ADDED, key, params, event.customer, card_id=event.card.id)


def _tier_changed(event: TierChanged) -> Message:
    """Up: the new tier and its bonus; down: the tier now held, or that none is."""
    tier, previous = event.tier, event.previous
    bonus = tier.percent - 100 if tier else 0
    if event.promoted:
        key = "tier_promoted" if bonus else "tier_promoted_plain"
    else:
        key = "tier_demoted" if tier else "tier_lost"
    params: MessageParams = {
        "business": event.business, "program": event.program.name,
        "tier": tier.name if tier else None, "previous": previous.name if previous else None,
        "bonus": bonus,
    }  # fmt: skip
    return Message(Category.TIER_CHANGED, key, params, event.customer, card_id=event.card.id)


def _decision_for_staff(event: EnrollmentDecided | DeductionDecided) -> Message:
    request = event.request
    card = event.card if isinstance(event, DeductionDecided) else None
    params: MessageParams = {
        "customer": event.customer.display_name, "business": event.business,
        "program": event.program.name, "amount": request.amount,
        "kind": event.program.kind.value,
        "balance": card.balance if card is not None else None,
    }  # fmt: skip
    key = f"{request.kind.value}_{request.status.value}"
    if request.kind is RequestKind.REDEMPTION:
        params["reward"] = request.reason
        if request.status is RequestStatus.APPROVED:
            key = "reward_redeemed"
        elif request.outcome is RequestOutcome.REWARD_REMOVED:
            key = "redemption_reward_removed"
    return _to_staff(request.requested_by, key, params)


def _request_expired(event: RequestExpired) -> list[Message]:
    request = event.request
    key = f"{request.kind.value}_expired"
    params: MessageParams = {
        "business": event.business, "program": event.program.name if event.program else "",
        "amount": request.amount,
        "kind": event.program.kind.value if event.program else "points",
    }  # fmt: skip
    messages = []
    if event.customer is not None:
        category = (
            Category.ENROLLMENT_RESULT
            if request.kind is RequestKind.ENROLLMENT
            else Category.DEDUCTION_RESULT
        )
        messages.append(Message(category, key, params, event.customer, request_id=request.id))
        params = {**params, "customer": event.customer.display_name}
    messages.append(_to_staff(request.requested_by, key, params))
    return messages


def _to_staff(telegram_id: int, key: str, params: MessageParams) -> Message:
    return Message(Category.STAFF, key, params, staff_telegram_id=telegram_id)


OUTBOX_CHUNK = 1000  # messages looked up and written together


async def write_outbox(uow: UnitOfWork, events: Iterable[Event]) -> list[Notification]:
    """Store the messages these events cause; a switched-off category is stored as suppressed.

    A thousand messages at a time: their recipients' chats and switched-off categories are
    read at once and their rows written together, so a broadcast to 100,000 customers is a
    few hundred statements, not 300,000, and no step holds the event loop for long."""
    written: list[Notification] = []
    known = [await _with_given(uow, event) if _crossed_kept(event) else event for event in events]
    messages = (message for event in known for message in messages_for(event))
    while chunk := list(islice(messages, OUTBOX_CHUNK)):
        asked = {m.customer.id for m in chunk if m.customer and m.category not in ALWAYS_SENT}
        off = await uow.preferences.switched_off(asked) if asked else set()
        chats = await uow.users.chats({_recipient(message) for message in chunk})
        now = uow.now()
        written += await uow.notifications.add_many(
            [_row(message, now, chats, off) for message in chunk]
        )
        await asyncio.sleep(0)  # a sweep's many rows: SQLite runs on the loop's thread
    return written


def _crossed_kept(event: Event) -> bool:
    """An award that crossed a reward on a card that keeps its stamps."""
    if not isinstance(event, PointsAwarded) or not event.program.redeem_keeps:
        return False
    before = event.card.balance - event.delta
    return reached(event.program.rewards, before, event.card.balance) is not None


async def _with_given(uow: UnitOfWork, event: Event) -> Event:
    """Such an award with the rewards the card already had: those were given once and are not
    "reached" again (after an undo or an expiry took the balance back below them)."""
    assert isinstance(event, PointsAwarded)
    return replace(event, given=await uow.rewards.claimed_by(event.card.id))


def _recipient(message: Message) -> int:
    customer = message.customer
    telegram_id = customer.telegram_id if customer else message.staff_telegram_id
    if telegram_id is None:
        raise ValueError(f"message {message.key} has no recipient")
    return telegram_id


def _row(
    message: Message, now: datetime, chats: dict[int, int], off: set[tuple[int, Category]]
) -> Notification:
    customer = message.customer
    telegram_id = _recipient(message)
    enabled = (
        customer is None
        or message.category in ALWAYS_SENT
        or (customer.id, message.category) not in off
    )
    return Notification(
        chat_id=chats.get(telegram_id, telegram_id),
        category=message.category,
        key=message.key,
        created_at=now,
        params=dict(message.params),
        customer_id=customer.id if customer else None,
        card_id=message.card_id,
        request_id=message.request_id,
        broadcast_id=message.broadcast_id,
        merge_group=message.merge_group,
        priority=LATER if message.category in BULK or message.later else URGENT,
        status=NotificationStatus.PENDING if enabled else NotificationStatus.SUPPRESSED,
        next_attempt_at=now if enabled else None,
    )


@dataclass
class Fold:
    """Rows merged into one: `into` is sent with the merged parameters, `merged` are not."""

    into: Notification
    merged: list[Notification] = field(default_factory=list)


def fold(claimed: Sequence[Notification]) -> list[Fold]:
    """Fold each run of unsent rows of one merge group into the run's newest row.

    A run ends at any other row about the same card (an undo, say), so what the customer reads
    still adds up in order. Only rows never handed to Telegram are folded (pending, no attempt
    counted): a row whose send timed out, or that the doctor released, may have been delivered
    already, so it is sent as it is. `claimed` is in id order.
    """
    runs: list[list[Notification]] = []
    open_runs: dict[str, list[Notification]] = {}
    for note in claimed:
        group = note.merge_group
        if group is not None and _unsent(note):
            open_runs.setdefault(group, []).append(note)
            continue
        for key, run in list(open_runs.items()):
            if note.card_id is not None and run[0].card_id == note.card_id:
                runs.append(open_runs.pop(key))
    runs.extend(open_runs.values())
    return [_merge(run) for run in runs if len(run) > 1]


def _unsent(note: Notification) -> bool:
    return note.status is NotificationStatus.PENDING and note.attempts == 0


def _merge(run: list[Notification]) -> Fold:
    newest = run[-1]
    if not (newest.merge_group or "").startswith(f"{POINTS_GROUP}:"):
        raise ValueError(f"no merge rule for group {newest.merge_group!r}")
    total = sum(_points(note) for note in run)
    return Fold(replace(newest, params={**newest.params, "points": total}), run[:-1])


def _points(note: Notification) -> int:
    value = note.params.get("points", 0)
    return value if isinstance(value, int) else int(value or 0)
