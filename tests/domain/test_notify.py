"""The outbox policy: what each event says to whom, what waits, and what may be merged."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from bot.i18n import has
from domain.approvals import join_program
from domain.broadcasts import BroadcastNews, broadcast_news, write_broadcast_chunk
from domain.commands import AwardPoints, JoinProgram, SetPreference
from domain.events import (
    AwardUndone,
    CustomerMissed,
    DeductionDecided,
    DeductionRequested,
    DigestCompiled,
    EnrollmentDecided,
    EnrollmentRequested,
    InvitationReminded,
    NewsBroadcast,
    PointsAwarded,
    RequestExpired,
    RewardInReach,
    ScannedWithoutPoints,
    StaffMemberJoined,
)
from domain.ledger import award_points, undo_award
from domain.models import (
    ApprovalRequest,
    Card,
    Category,
    LedgerReason,
    Notification,
    NotificationStatus,
    RequestKind,
    RequestStatus,
    ScanOutcome,
)
from domain.notify import LATER, URGENT, fold, messages_for
from domain.preferences import set_preference
from tests.domain.conftest import ANN, OWNER, undo_here

T0 = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def every_event(world) -> list:
    """One of each event type, so a new event without a policy or a text fails here."""
    card = Card(world.ann.id, world.program.id, world.business.id, "C-1", T0, 12, 12, id=7)
    request = ApprovalRequest(
        RequestKind.DEDUCTION, world.ann.id, world.business.id, world.program.id, OWNER, T0,
        T0 + timedelta(minutes=15), amount=5, card_id=7, status=RequestStatus.APPROVED, id=3,
    )  # fmt: skip
    invitation = replace(request, kind=RequestKind.ENROLLMENT, status=RequestStatus.REJECTED)
    name, program, ann = world.business.name, world.program, world.ann
    return [
        PointsAwarded(ann, card, program, name, 10, LedgerReason.SCAN),
        AwardUndone(ann, card, program, name, 10),
        ScannedWithoutPoints(ann, card, name, ScanOutcome.DUPLICATE),
        ScannedWithoutPoints(ann, card, name, ScanOutcome.CAPPED),
        EnrollmentRequested(ann, invitation, program, name),
        DeductionRequested(ann, request, card, program, name),
        EnrollmentDecided(ann, invitation, program, name),
        DeductionDecided(ann, request, card, program, name),
        RequestExpired(ann, request, program, name),
        InvitationReminded(ann, invitation, program, name),
        RewardInReach(ann, card, program, name),
        CustomerMissed(ann, card, program, name),
        NewsBroadcast(ann, "b1", name, "Fresh croissants"),
        StaffMemberJoined(OWNER, "Sam", name),
        DigestCompiled(OWNER, name, date(2026, 11, 24), 3, 30, 10, 1),
    ]


async def test_every_event_has_messages_and_every_message_has_a_text(world):
    for event in every_event(world):
        messages = messages_for(event)
        assert messages, type(event).__name__
        for message in messages:
            assert has(message.key), message.key
            assert (message.customer is None) != (message.staff_telegram_id is None)


async def test_an_award_that_reaches_the_reward_says_both_and_only_the_points_may_merge(world):
    card = Card(world.ann.id, world.program.id, world.business.id, "C-1", T0, 55, 55, id=7)
    event = PointsAwarded(world.ann, card, world.program, "Café", 10, LedgerReason.SCAN)
    points, reached = messages_for(event)
    assert (points.key, points.params["points"], points.merge_group) == (
        "points_added",
        10,
        "points:7",
    )
    assert (reached.key, reached.merge_group) == ("reward_reached", None)
    below = replace(card, balance=40)
    assert [m.key for m in messages_for(replace(event, card=below))] == ["points_added"]


async def test_the_policy_writes_rows_with_priority_and_honours_preferences(world):
    card = await join_program(world.uow, JoinProgram(ANN, world.program.join_code))
    await set_preference(world.uow, SetPreference(ANN, Category.POINTS_ADDED, False))
    posted = await award_points(world.uow, AwardPoints(world.business.id, OWNER, card.id, 5, "k"))
    await undo_award(
        world.uow, await undo_here(world.uow, world.business.id, OWNER, posted.entry.id)
    )
    rows = {n.key: n for n in world.uow.all("notifications")}
    assert rows["points_added"].status is NotificationStatus.SUPPRESSED
    assert rows["points_undone"].status is NotificationStatus.PENDING
    assert rows["points_undone"].priority == URGENT
    news = messages_for(NewsBroadcast(world.ann, "b9", "Café", "hi"))[0]
    assert (news.broadcast_id, news.category) == ("b9", Category.BUSINESS_NEWS)


async def test_an_undo_names_the_award_it_reverses(world):
    card = await join_program(world.uow, JoinProgram(ANN, world.program.join_code))
    posted = await award_points(world.uow, AwardPoints(world.business.id, OWNER, card.id, 5, "k"))
    undone = await undo_award(
        world.uow, await undo_here(world.uow, world.business.id, OWNER, posted.entry.id)
    )
    assert (undone.entry.reason, undone.entry.reverses_entry_id) == (
        LedgerReason.UNDO, posted.entry.id
    )  # fmt: skip
    assert posted.entry.reason is LedgerReason.MANUAL


def row(row_id: int, card_id: int | None, points: int = 1, **fields) -> Notification:
    group = f"points:{card_id}" if card_id is not None and "key" not in fields else None
    fields.setdefault("key", "points_added")
    return Notification(
        chat_id=1, category=Category.POINTS_ADDED, created_at=T0, params={"points": points},
        card_id=card_id, merge_group=group, id=row_id, **fields,
    )  # fmt: skip


def test_a_run_of_unsent_points_messages_folds_into_the_newest_with_the_sum():
    [merge] = fold([row(1, 7, 10), row(2, 8, 1), row(3, 7, 5)])
    assert (merge.into.id, merge.into.params["points"]) == (3, 15)
    assert [n.id for n in merge.merged] == [1]


def test_another_message_about_the_card_ends_the_run():
    undo = row(2, 7, 5, key="points_undone")
    assert fold([row(1, 7, 10), undo, row(3, 7, 1)]) == []


def test_a_row_that_may_have_reached_telegram_is_never_folded():
    tried = row(1, 7, 10, attempts=1)
    assert fold([tried, row(2, 7, 5)]) == []
    sending = row(1, 7, 10, status=NotificationStatus.SENDING)
    assert fold([sending, row(2, 7, 5)]) == []


async def test_a_broadcast_is_sent_after_pushes_and_carries_its_id(world):
    await join_program(world.uow, JoinProgram(ANN, world.program.join_code))
    queued = await broadcast_news(world.uow, BroadcastNews(world.business.id, OWNER, "Hi"))
    assert not [n for n in world.uow.all("notifications") if n.key == "business_news"]
    await write_broadcast_chunk(world.uow, queued.broadcast_id, "w", timedelta(seconds=9), 10)
    [news] = [n for n in world.uow.all("notifications") if n.key == "business_news"]
    assert (news.priority, news.broadcast_id) == (LATER, queued.broadcast_id)
    assert "broadcast_id" not in news.params and LATER > URGENT
