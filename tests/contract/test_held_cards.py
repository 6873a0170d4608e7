"""Contract: a customer's cards read in one go (My cards), with claimed rewards and latest rows
of many cards, and their pending requests with names: each as the one-at-a-time reads give."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from domain.models import ApprovalRequest, ProgramKind, RequestKind, RequestStatus, Reward
from domain.ports import HeldCard
from domain.tiers import Tier
from tests.storage.builders import CUSTOMER_TG, OWNER_TG, T0, card, customer, entry, program, user

OTHER_TG = 3003


async def _held_as_read_one_by_one(uow, card_id) -> HeldCard:
    held = await uow.cards.get(card_id)
    business = await uow.businesses.get(held.business_id)
    tier = await uow.tiers.get(held.tier_id) if held.tier_id else None
    prog = await uow.programs.get(held.program_id)
    return HeldCard(held, prog, business.name, business.time_zone, tier)


async def test_a_customers_cards_come_with_program_ladder_business_and_tier(new_uow, world):
    """Three programs: one with a two-rung ladder (a third rung removed) and a tier the card
    holds, one without rewards, one whose card the customer left; another customer's card in
    the first program must not show, nor its tier."""
    async with new_uow() as uow:
        biz = await uow.businesses.get(world.business_id)
        await uow.businesses.update(replace(biz, time_zone="Europe/Berlin"))
        await uow.rewards.add(Reward(world.program_id, "Cake", 5), T0)
        gone = await uow.rewards.add(Reward(world.program_id, "Tea", 3), T0)
        await uow.rewards.update(replace(gone, active=False))
        silver = await uow.tiers.add(Tier(world.program_id, "Silver", 10, 150), T0)
        gold = await uow.tiers.add(Tier(world.program_id, "Gold", 50, 200), T0)
        await uow.tiers.set_card_tier(world.card_id, None, silver.id)
        bare = await uow.programs.add(program(world.business_id, code="join-2"))
        second = await uow.cards.add(card(world.customer_id, bare.id, world.business_id, "C-2"))
        third_program = await uow.programs.add(program(world.business_id, code="join-3"))
        left = await uow.cards.add(
            card(world.customer_id, third_program.id, world.business_id, "C-3")
        )
        await uow.cards.set_left(left.id, T0)
        await uow.users.upsert(user(OTHER_TG, "Bob"))
        bob = await uow.customers.add(customer(OTHER_TG, "b"))
        bobs = await uow.cards.add(card(bob.id, world.program_id, world.business_id, "C-4"))
        await uow.tiers.set_card_tier(bobs.id, None, gold.id)
        await uow.commit()
    async with new_uow() as uow:
        in_use = await uow.customers.cards_of(CUSTOMER_TG)
        everything = await uow.customers.cards_of(CUSTOMER_TG, left=True)
        expected = [await _held_as_read_one_by_one(uow, i) for i in (world.card_id, second.id)]
        expected_left = await _held_as_read_one_by_one(uow, left.id)
        assert await uow.customers.cards_of(OTHER_TG + 1) == []
    assert in_use == expected
    assert everything == [*expected, expected_left]
    first, bare_card = in_use
    assert [r.name for r in first.program.rewards] == ["Cake", "Free coffee"]  # Tea removed
    assert (first.tier, bare_card.tier) == (silver, None)
    assert (first.business, first.time_zone) == ("Cafe", "Europe/Berlin")
    assert bare_card.program.rewards == ()
    assert everything[-1].card.left_at is not None


async def test_claimed_of_gives_each_cards_approved_redemptions_only(new_uow, world):
    async with new_uow() as uow:
        cake = await uow.rewards.add(Reward(world.program_id, "Cake", 5), T0)
        coffee = (await uow.rewards.of_program(world.program_id))[-1]
        for reward, status in (
            (cake, RequestStatus.APPROVED),
            (coffee, RequestStatus.REJECTED),
            (coffee, RequestStatus.PENDING),
        ):
            await uow.requests.add(
                _request(
                    world,
                    world.customer_id,
                    status,
                    card_id=world.card_id,
                    kind=RequestKind.REDEMPTION,
                    reward_id=reward.id,
                )
            )
        await uow.commit()
    async with new_uow() as uow:
        claimed = await uow.rewards.claimed_of([world.card_id, world.card_id + 1000])
        assert claimed == {world.card_id: frozenset({cake.id})}
        assert claimed[world.card_id] == await uow.rewards.claimed_by(world.card_id)
        assert await uow.rewards.claimed_of([]) == {}


async def test_latest_of_gives_each_cards_newest_rows_as_for_card_does(new_uow, world):
    async with new_uow() as uow:
        other = await uow.programs.add(program(world.business_id, code="join-2"))
        second = await uow.cards.add(card(world.customer_id, other.id, world.business_id, "C-2"))
        for i in range(4):
            at = T0 + timedelta(minutes=i)
            await uow.ledger.add(
                replace(entry(world.card_id, i + 1, f"a{i}"), created_at=at), world.business_id
            )
        await uow.ledger.add(entry(second.id, 9, "b0"), world.business_id)
        await uow.commit()
    async with new_uow() as uow:
        latest = await uow.ledger.latest_of([world.card_id, second.id, second.id + 1000], 3)
        assert latest == {
            world.card_id: await uow.ledger.for_card(world.card_id, 3),
            second.id: await uow.ledger.for_card(second.id, 3),
        }
        assert [e.delta for e in latest[world.card_id]] == [4, 3, 2]


def _request(world, customer_id, status, *, card_id=None, program_id=None, minute=0, **more):
    at = T0 + timedelta(minutes=minute)
    return ApprovalRequest(
        kind=more.pop("kind", RequestKind.DEDUCTION), customer_id=customer_id,
        business_id=world.business_id, program_id=program_id or world.program_id,
        requested_by=OWNER_TG, created_at=at, expires_at=at + timedelta(hours=1), amount=5,
        card_id=card_id, status=status, **more,
    )  # fmt: skip


async def test_pending_seen_by_gives_the_customers_pending_requests_with_names(new_uow, world):
    """A deduction on the card, an invitation to a stamps program (no card yet): shown; an
    answered request and another customer's pending one: not."""
    async with new_uow() as uow:
        await uow.cards.apply_delta(world.card_id, 12, earned=12)
        other = await uow.programs.add(program(world.business_id, code="join-2"))
        await uow.users.upsert(user(OTHER_TG, "Bob"))
        bob = await uow.customers.add(customer(OTHER_TG, "b"))
        ann, pending, card_id = world.customer_id, RequestStatus.PENDING, world.card_id
        made = [
            await uow.requests.add(request)
            for request in (
                _request(world, ann, pending, card_id=card_id, minute=2),
                _request(world, ann, pending, program_id=other.id, minute=1),
                _request(world, ann, RequestStatus.APPROVED, card_id=card_id),
                _request(world, bob.id, pending),
            )
        ]
        await uow.commit()
    async with new_uow() as uow:
        seen = await uow.customers.by_telegram(CUSTOMER_TG)
        shown = await uow.requests.pending_seen_by(CUSTOMER_TG)
        listed = await uow.requests.pending_for_customer(seen.id)
        assert await uow.requests.pending_seen_by(OTHER_TG + 1) == []
    assert [p.request for p in shown] == listed == [made[1], made[0]]  # oldest first
    invitation, deduction = shown
    assert (invitation.program, invitation.business, invitation.balance) == (
        "Coffee",
        "Cafe",
        None,
    )
    assert (deduction.balance, deduction.kind) == (12, ProgramKind.STAMPS)
