"""Scanning a QR: award once, refuse bad codes, invite the unenrolled, log everything."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain.approvals import join_program
from domain.commands import JoinProgram, RenewQr, ScanCustomer
from domain.errors import NotAllowed
from domain.models import Category, NotificationStatus, ScanOutcome
from domain.people import renew_customer_qr
from domain.scanning import scan_customer
from domain.tokens import TokenSigner
from tests.domain.conftest import ANN, OWNER, STRANGER, build_world


async def enrolled(world):
    await join_program(world.uow, JoinProgram(ANN, world.program.join_code))


def scan(world, key="m1", token=None, **fields):
    token = token or world.signer.sign(world.ann.public_id, world.ann.qr_key_version)
    cmd = ScanCustomer(world.business.id, OWNER, key, token=token, **fields)
    return scan_customer(world.uow, cmd, world.signer)


async def test_a_valid_scan_awards_points_per_scan_and_tells_the_customer(world):
    await enrolled(world)
    result = await scan(world)
    assert result.outcome is ScanOutcome.AWARDED and result.card.balance == 10
    pushes = [n for n in world.uow.all("notifications") if n.category is Category.POINTS_ADDED]
    assert [(n.chat_id, n.params["balance"]) for n in pushes] == [(ANN, 10)]
    assert [s.outcome for s in world.uow.all("scans")] == [ScanOutcome.AWARDED]
    visitor = world.uow.all("business_customers")
    assert [(v.customer_id, v.visits) for v in visitor] == [(world.ann.id, 1)]


async def test_the_same_message_processed_twice_awards_once(world):
    await enrolled(world)
    first = await scan(world, key="msg-7")
    again = await scan(world, key="msg-7")
    assert first.outcome is ScanOutcome.AWARDED and again.outcome is ScanOutcome.DUPLICATE
    assert again.card.balance == 10 and len(world.uow.all("ledger")) == 1
    assert [s.outcome for s in world.uow.all("scans")] == [ScanOutcome.AWARDED, "duplicate"]


async def test_a_second_scan_within_the_cooldown_is_a_duplicate(world):
    await enrolled(world)
    await scan(world, key="a")
    world.clock.advance(seconds=30)
    assert (await scan(world, key="b")).outcome is ScanOutcome.DUPLICATE
    world.clock.advance(seconds=31)
    assert (await scan(world, key="c")).card.balance == 20


async def test_the_daily_cap_limits_points_and_then_refuses(world):
    world = await build_world(points_per_scan=10, daily_cap=15)
    await enrolled(world)
    assert (await scan(world, key="a", cooldown=timedelta(0))).points == 10
    assert (await scan(world, key="b", cooldown=timedelta(0))).points == 5
    assert (await scan(world, key="c", cooldown=timedelta(0))).outcome is ScanOutcome.CAPPED
    world.clock.advance(days=1)
    assert (await scan(world, key="d", cooldown=timedelta(0))).points == 10


async def test_an_unenrolled_customer_gets_an_invitation_instead_of_points(world):
    result = await scan(world)
    assert result.outcome is ScanOutcome.NOT_ENROLLED and result.request is not None
    assert world.uow.all("ledger") == []
    invitation = world.uow.all("notifications")[-1]
    assert (invitation.chat_id, invitation.category) == (ANN, Category.ENROLLMENT_REQUEST)


@pytest.mark.parametrize(
    ("mangle", "outcome"),
    [
        (lambda w, t: t[:9] + ("A" if t[9] != "A" else "B") + t[10:], ScanOutcome.FORGED),
        (lambda w, t: "not-a-token", ScanOutcome.INVALID),
        (lambda w, t: TokenSigner(b"x" * 32).sign(w.ann.public_id, 1), ScanOutcome.FORGED),
        (lambda w, t: w.signer.sign("00" * 8, 1), ScanOutcome.INVALID),
    ],
)
async def test_bad_tokens_are_refused_logged_and_award_nothing(world, mangle, outcome):
    await enrolled(world)
    good = world.signer.sign(world.ann.public_id, 1)
    result = await scan(world, token=mangle(world, good))
    assert result.outcome is outcome and result.card is None
    assert world.uow.all("ledger") == [] and world.uow.all("scans")[-1].outcome is outcome


async def test_an_expired_token_is_refused(world):
    await enrolled(world)
    token = world.signer.sign(world.ann.public_id, 1, world.clock() + timedelta(minutes=5))
    world.clock.advance(minutes=6)
    assert (await scan(world, token=token)).outcome is ScanOutcome.EXPIRED


async def test_a_renewed_qr_revokes_the_old_code_and_the_manual_code(world):
    await enrolled(world)
    old_token = world.signer.sign(world.ann.public_id, 1)
    old_code = world.ann.manual_code
    renewed = await renew_customer_qr(world.uow, RenewQr(ANN))
    assert (await scan(world, token=old_token)).outcome is ScanOutcome.REVOKED
    manual = ScanCustomer(world.business.id, OWNER, "k2", manual_code=old_code)
    assert (await scan_customer(world.uow, manual, world.signer)).outcome is ScanOutcome.INVALID
    fresh = ScanCustomer(world.business.id, OWNER, "k3", manual_code=renewed.manual_code.lower())
    assert (await scan_customer(world.uow, fresh, world.signer)).outcome is ScanOutcome.AWARDED


async def test_a_stranger_cannot_scan_and_nothing_is_written(world):
    await enrolled(world)
    before = world.uow.commits
    cmd = ScanCustomer(world.business.id, STRANGER, "m", token="x")
    with pytest.raises(NotAllowed) as refused:
        await scan_customer(world.uow, cmd, world.signer)
    assert refused.value.key == "not_staff" and world.uow.commits == before


async def test_a_switched_off_category_is_stored_as_suppressed(world):
    from domain.commands import SetPreference
    from domain.preferences import set_preference

    await enrolled(world)
    await set_preference(world.uow, SetPreference(ANN, Category.POINTS_ADDED, False))
    await scan(world)
    push = [n for n in world.uow.all("notifications") if n.category is Category.POINTS_ADDED]
    assert [n.status for n in push] == [NotificationStatus.SUPPRESSED]


async def test_scans_that_award_nothing_do_not_count_as_visits(world):
    await enrolled(world)
    await scan(world, key="a")
    await scan(world, key="b")  # within the cooldown
    assert [v.visits for v in world.uow.all("business_customers")] == [1]
