"""An in-memory unit of work for pure domain tests: only committed state survives."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from domain.growth.owner_ports import ProgramGifts
from domain.models import (
    CUSTOMER_CATEGORIES,
    ChatState,
    EntryKind,
    InvitationBlock,
    LedgerReason,
    RequestStatus,
    ScanOutcome,
)
from domain.notify import write_outbox
from domain.ports import CustomerSummary, HeldCard, PendingRequest
from domain.rewards import ladder


@dataclass
class Tables:
    rows: dict[str, dict[int, object]] = field(default_factory=dict)
    next_id: int = 1

    def table(self, name: str) -> dict[int, object]:
        return self.rows.setdefault(name, {})


def _id(row):
    return row.id


class FakeClock:
    def __init__(self, start: datetime | None = None) -> None:
        self.moment = start or datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


class _Repo:
    name = ""

    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow

    @property
    def rows(self) -> dict[int, object]:
        return self.uow.state.table(self.name)

    def _all(self, **match):
        return [
            copy.copy(r)
            for r in self.rows.values()
            if all(getattr(r, k) == v for k, v in match.items())
        ]

    def _one(self, **match):
        found = self._all(**match)
        return found[0] if found else None

    async def get(self, row_id):
        row = self.rows.get(row_id)
        return copy.copy(row) if row else None

    async def add(self, row):
        row.id = self.uow.state.next_id
        self.uow.state.next_id += 1
        self.rows[row.id] = copy.copy(row)
        return row

    async def update(self, row) -> None:
        self.rows[row.id] = copy.copy(row)


class Users(_Repo):
    name = "users"

    async def get(self, telegram_id):
        return self._one(telegram_id=telegram_id)

    async def chats(self, telegram_ids):
        return {
            u.telegram_id: u.chat_id for u in self.rows.values() if u.telegram_id in telegram_ids
        }

    async def upsert(self, user):
        existing = self._one(telegram_id=user.telegram_id)
        user.id = existing.id if existing else None
        if existing is None:
            await self.add(user)
        else:
            user.locale = existing.locale  # chosen in Settings; registering never changes it
            user.forgotten_at = existing.forgotten_at
            self.rows[existing.id] = copy.copy(user)  # every field as given, the mark included
        return user

    async def set_blocked(self, telegram_id, at) -> None:
        for row in self.rows.values():
            if row.telegram_id == telegram_id:
                row.blocked_at = at

    async def set_locale(self, telegram_id, locale) -> bool:
        found = [row for row in self.rows.values() if row.telegram_id == telegram_id]
        for row in found:
            row.locale = locale
        return bool(found)


class Customers(_Repo):
    name = "customers"

    async def by_telegram(self, telegram_id):
        return self._one(telegram_id=telegram_id)

    async def cards_of(self, telegram_id, *, left=False):
        customer = self._one(telegram_id=telegram_id)
        if customer is None:
            return []
        held = []
        for card in sorted(await self.uow.cards.list_for_customer(customer.id), key=_id):
            if card.left_at is not None and not left:
                continue
            business = await self.uow.businesses.get(card.business_id)
            tier = await self.uow.tiers.get(card.tier_id) if card.tier_id else None
            program = await self.uow.programs.get(card.program_id)
            name, zone = (business.name, business.time_zone) if business else ("", "UTC")
            held.append(HeldCard(card, program, name, zone, tier))
        return held

    async def by_public_id(self, public_id):
        return self._one(public_id=public_id)

    async def by_manual_code(self, code):
        return self._one(manual_code=code)

    async def with_card_in(self, business_id, after_id=0, limit=None):
        holders = {c.customer_id for c in self.uow.state.table("cards").values()
                   if c.business_id == business_id and c.left_at is None}  # fmt: skip
        found = sorted((c for c in self._all() if c.id in holders and c.id > after_id),
                       key=lambda c: c.id)  # fmt: skip
        return found if limit is None else found[:limit]


class Broadcasts(_Repo):
    """Keyed by the broadcast's id (a string)."""

    name = "broadcasts"

    async def add(self, broadcast):
        if broadcast.id in self.rows:
            return False
        self.rows[broadcast.id] = copy.copy(broadcast)
        return True

    async def lock(self, broadcast_id):
        return await self.get(broadcast_id)

    async def update(self, broadcast) -> None:
        self.rows[broadcast.id] = copy.copy(broadcast)

    async def unfinished(self, now, limit=100):
        return [b.id for b in self.rows.values() if b.finished_at is None
                and (b.lease_until is None or b.lease_until <= now)][:limit]  # fmt: skip

    async def holders(self, business_id):
        return len(await self.uow.customers.with_card_in(business_id))


class Businesses(_Repo):
    name = "businesses"

    async def by_invite_code(self, code):
        return self._one(staff_invite_code=code)


class StaffRepo(_Repo):
    name = "staff"

    async def get(self, business_id, telegram_id):
        return self._one(business_id=business_id, telegram_id=telegram_id)

    async def with_business(self, business_id, telegram_id):
        business = await self.uow.businesses.get(business_id)
        return business, (await self.get(business_id, telegram_id) if business else None)

    async def of_user(self, telegram_id):
        return self._all(telegram_id=telegram_id)

    async def list(self, business_id):
        return self._all(business_id=business_id)

    async def set_role(self, business_id, telegram_id, role):
        row = self._one(business_id=business_id, telegram_id=telegram_id)
        if row:
            self.rows[row.id] = replace(row, role=role)

    async def remove(self, business_id, telegram_id):
        row = self._one(business_id=business_id, telegram_id=telegram_id)
        if row:
            del self.rows[row.id]
        return row is not None

    async def set_award_limit(self, business_id, telegram_id, limit):
        row = self._one(business_id=business_id, telegram_id=telegram_id)
        if row:
            self.rows[row.id].daily_award_limit = limit


class StaffInvitations(_Repo):
    name = "staff_invitations"

    async def by_code(self, code):
        return self._one(code=code)

    async def open_for(self, business_id, now):
        return [i for i in self._all(business_id=business_id) if i.open_at(now)]

    async def use(self, invitation_id, telegram_id, at):
        row = self.rows.get(invitation_id)
        if row is None or not row.open_at(at):
            return False
        row.used_by, row.used_at = telegram_id, at
        return True

    async def revoke(self, invitation_id, at):
        row = self.rows.get(invitation_id)
        if row is None or row.used_at or row.revoked_at:
            return False
        row.revoked_at = at
        return True


class Programs(_Repo):
    """Programs read with their active rewards, as the SQL repository reads them."""

    name = "programs"

    def _with_ladder(self, program):
        if program is not None:
            rewards = self.uow.state.table("rewards").values()
            program.rewards = ladder(r for r in rewards if r.program_id == program.id)
        return program

    async def get(self, row_id):
        return self._with_ladder(await super().get(row_id))

    async def by_join_code(self, code):
        return self._with_ladder(self._one(join_code=code))

    async def list(self, business_id, *, active_only=False):
        rows = self._all(business_id=business_id)
        return [self._with_ladder(r) for r in rows if r.active or not active_only]


class Rewards(_Repo):
    name = "rewards"

    async def lock_ladder(self, program_id):
        return None  # one block at a time here

    async def add(self, reward, at):
        stored = replace(reward, id=self.uow.state.next_id)
        self.uow.state.next_id += 1
        self.rows[stored.id] = stored
        return stored

    async def of_program(self, program_id, *, removed=False):
        rows = [r for r in self._all(program_id=program_id) if r.active or removed]
        return sorted(rows, key=lambda r: (r.cost, r.position, r.id))

    async def claimed_by(self, card_id):
        return frozenset(
            r.reward_id
            for r in self.uow.state.table("requests").values()
            if r.card_id == card_id and r.kind.value == "redemption"
            and r.status is RequestStatus.APPROVED and r.reward_id is not None
        )  # fmt: skip

    async def claimed_of(self, card_ids):
        found = {card_id: await self.claimed_by(card_id) for card_id in card_ids}
        return {card_id: claimed for card_id, claimed in found.items() if claimed}


class Enrollments(_Repo):
    name = "enrollments"

    async def get(self, customer_id, program_id):
        return self._one(customer_id=customer_id, program_id=program_id)


class Cards(_Repo):
    name = "cards"

    async def lock(self, card_id):
        return await self.get(card_id)

    async def of(self, customer_id, program_id, *, lock=False):
        return self._one(customer_id=customer_id, program_id=program_id)

    async def list_for_customer(self, customer_id):
        return self._all(customer_id=customer_id)

    async def set_left(self, card_id, at):
        self.rows[card_id].left_at = at

    async def add(self, row, renumber=None):
        while self._one(number=row.number):
            if renumber is None:
                raise AssertionError("unique card number violated")
            row.number = renumber()
        return await super().add(row)

    async def apply_delta(self, card_id, delta, *, earned):
        row = self.rows[card_id]
        if row.balance + delta < 0:
            return None
        row.balance += delta
        row.lifetime_points += earned
        return copy.copy(row)


class Tiers(_Repo):
    """Tiers by id (removed ones kept, as the SQL table keeps them), cards' tiers on cards."""

    name = "tiers"

    async def of_program(self, program_id):
        removed = self.uow.state.table("tiers_removed")
        tiers = [t for t in self._all(program_id=program_id) if t.id not in removed]
        return sorted(tiers, key=lambda t: t.threshold)

    async def lock_program(self, program_id):
        return None

    async def add(self, tier, at):
        stored = replace(tier, id=self.uow.state.next_id)
        self.uow.state.next_id += 1
        self.rows[stored.id] = stored
        return stored

    async def update(self, tier):
        self.rows[tier.id] = tier

    async def remove(self, tier_id, at):
        self.uow.state.table("tiers_removed")[tier_id] = at

    async def set_window(self, program_id, months):
        self.uow.state.table("programs")[program_id].tier_window_months = months

    async def tiered_programs(self):
        programs = self.uow.state.table("programs")
        return sorted({t.program_id for t in self.rows.values() if programs[t.program_id].active})

    async def candidates(self, program_id, floor, after_card_id, limit):
        cards = [
            copy.copy(c)
            for c in self.uow.state.table("cards").values()
            if c.program_id == program_id and c.id > after_card_id and c.left_at is None
            and (c.tier_id is not None or (floor is not None and c.lifetime_points >= floor))
        ]  # fmt: skip
        return sorted(cards, key=lambda c: c.id)[:limit]

    async def earned_since(self, card_ids, since):
        ledger = self.uow.ledger
        return {card_id: await ledger.awarded_since(card_id, since) for card_id in card_ids}

    async def set_card_tier(self, card_id, before, after):
        card = self.uow.state.table("cards")[card_id]
        if card.tier_id != before:
            return False
        card.tier_id = after
        return True


class Ledger(_Repo):
    name = "ledger"

    async def by_key(self, key):
        return self._one(idempotency_key=key)

    async def add(self, row, business_id):
        if self._one(idempotency_key=row.idempotency_key):
            raise AssertionError("unique idempotency key violated")
        card = await self.uow.cards.get(row.card_id)
        assert card is not None and card.business_id == business_id, "another business's card"
        return await super().add(row)

    async def for_card(self, card_id, limit=10):
        return sorted(self._all(card_id=card_id), key=lambda e: -e.id)[:limit]

    async def latest_of(self, card_ids, limit=10):
        found = {card_id: await self.for_card(card_id, limit) for card_id in card_ids}
        return {card_id: entries for card_id, entries in found.items() if entries}

    async def awarded_since(self, card_id, since):
        awards = {
            e.id: e.delta
            for e in self._all(card_id=card_id)
            if e.kind is EntryKind.AWARD and e.created_at >= since
        }
        undone = sum(
            e.delta
            for e in self._all(card_id=card_id)
            if e.kind is EntryKind.UNDO and e.reverses_entry_id in awards
        )
        return sum(awards.values()) + undone

    async def manual_awarded_by(self, business_id, staff_telegram_id, since):
        cards = {
            c.id for c in self.uow.state.table("cards").values() if c.business_id == business_id
        }
        return sum(
            e.delta
            for e in self._all(staff_telegram_id=staff_telegram_id, reason=LedgerReason.MANUAL)
            if e.card_id in cards and e.kind is EntryKind.AWARD and e.created_at >= since
        )

    async def note_reply(self, entry_id, chat_id, message_id, at):
        self.uow.state.table("award_replies").setdefault(entry_id, (chat_id, message_id))

    async def reply_of(self, entry_id):
        return self.uow.state.table("award_replies").get(entry_id)


class BusinessCustomers(_Repo):
    name = "business_customers"

    async def get(self, business_id, customer_id):
        return self._one(business_id=business_id, customer_id=customer_id)

    async def touch(self, business_id, customer_id, at, *, visit):
        from domain.models import BusinessCustomer

        row = self._one(business_id=business_id, customer_id=customer_id)
        if row is None:
            row = await self.add(BusinessCustomer(business_id, customer_id, at, at))
        row.last_seen = at
        row.visits += 1 if visit else 0
        self.rows[row.id] = copy.copy(row)
        return row

    async def page(self, business_id, offset, limit):
        rows = sorted(self._all(business_id=business_id), key=lambda r: r.last_seen, reverse=True)
        out = []
        for row in rows[offset : offset + limit]:
            customer = self.uow.state.table("customers")[row.customer_id]
            cards = self.uow.state.table("cards").values()
            balance = sum(
                c.balance
                for c in cards
                if c.customer_id == row.customer_id and c.business_id == business_id
            )
            out.append(
                CustomerSummary(
                    row.customer_id, customer.display_name, balance, row.visits, row.last_seen
                )
            )
        return out

    async def count(self, business_id):
        return len(self._all(business_id=business_id))


class Requests(_Repo):
    name = "requests"

    async def lock(self, request_id):
        return await self.get(request_id)

    async def pending_for_customer(self, customer_id):
        rows = self._all(customer_id=customer_id, status=RequestStatus.PENDING)
        return sorted(rows, key=lambda r: (r.created_at, r.id))

    async def pending_seen_by(self, telegram_id):
        customer = await self.uow.customers.by_telegram(telegram_id)
        pending = []
        for request in await self.pending_for_customer(customer.id) if customer else []:
            program = await self.uow.programs.get(request.program_id)
            business = await self.uow.businesses.get(request.business_id)
            card = await self.uow.cards.get(request.card_id) if request.card_id else None
            pending.append(
                PendingRequest(
                    request,
                    program.name if program else "",
                    program.kind if program else None,
                    business.name if business else "",
                    card.balance if card else None,
                )
            )
        return pending

    async def pending_of(self, customer_id, program_id, kind):
        rows = self._all(
            customer_id=customer_id, program_id=program_id, kind=kind, status=RequestStatus.PENDING
        )
        return max(rows, key=lambda r: r.id, default=None)  # the newest, as SQL orders

    async def due(self, now, limit=500):
        rows = [r for r in self._all(status=RequestStatus.PENDING) if r.expires_at <= now]
        return sorted(rows, key=lambda r: (r.expires_at, r.id))[:limit]


class Notifications(_Repo):
    name = "notifications"

    async def add_many(self, notifications):
        return [await self.add(n) for n in notifications]


class Preferences(_Repo):
    name = "preferences"

    async def enabled(self, customer_id, category):
        stored = self.uow.state.table(self.name).get((customer_id, category))
        return True if stored is None else stored

    async def all_for(self, customer_id):
        return {cat: await self.enabled(customer_id, cat) for cat in CUSTOMER_CATEGORIES}

    async def switched_off(self, customer_ids):
        stored = self.uow.state.table(self.name)
        return {key for key, on in stored.items() if key[0] in customer_ids and not on}

    async def set(self, customer_id, category, enabled):
        self.uow.state.table(self.name)[(customer_id, category)] = enabled


class Scans(_Repo):
    name = "scans"

    async def by_key(self, key):
        # Only a scan that counted answers a retry; a refusal under the key must not.
        counted = (ScanOutcome.AWARDED, ScanOutcome.DUPLICATE)
        found = [s for s in self._all(idempotency_key=key) if s.outcome in counted]
        return min(found, key=lambda s: s.id, default=None)

    async def awarded_since(self, business_id, customer_id, since):
        return any(
            s.created_at >= since and s.outcome is ScanOutcome.AWARDED
            for s in self._all(business_id=business_id, customer_id=customer_id)
        )

    async def count(self, business_id, outcome=None):
        rows = self._all(business_id=business_id)
        return sum(1 for r in rows if outcome is None or r.outcome is outcome)


class Conversations(_Repo):
    """Keyed by chat id; each setter keeps the other half, as the SQL upserts do."""

    name = "conversations"

    async def get(self, chat_id):
        row = self.rows.get(chat_id)
        return copy.deepcopy(row) if row else None

    async def set_step(self, chat_id, step, data, at):
        state = self.rows.get(chat_id) or ChatState(chat_id)
        self.rows[chat_id] = replace(state, step=step, data=copy.deepcopy(data), updated_at=at)

    async def set_business(self, chat_id, business_id, at):
        state = self.rows.get(chat_id) or ChatState(chat_id)
        self.rows[chat_id] = replace(state, business_id=business_id, updated_at=at)


class Privacy(_Repo):
    """Invitation blocks by (business, customer); names erased on the users table."""

    name = "invitation_blocks"

    async def invitation_block(self, business_id, customer_id):
        return self.rows.get((business_id, customer_id))

    async def block_invitations(self, business_id, customer_id, until, at):
        self.rows[(business_id, customer_id)] = InvitationBlock(business_id, customer_id, until)

    async def erase_names(self, telegram_id, at):
        users = self.uow.state.table("users")
        for key, user in list(users.items()):
            if user.telegram_id == telegram_id:
                users[key] = replace(
                    user, first_name="", last_name="", username="", forgotten_at=at
                )


class Referrals(_Repo):
    """Referrals in memory (the growth tools' own tests run on real databases)."""

    name = "referrals"

    async def terms(self, program_id):
        from domain.growth.models import ReferralTerms

        return ReferralTerms(program_id)

    async def of_referee(self, business_id, referee_id):
        return self._one(business_id=business_id, referee_id=referee_id)


class Gifts(_Repo):
    """No program has a birthday gift or a win-back bonus in the pure tests."""

    async def get(self, program_id):
        return ProgramGifts(program_id)

    async def with_birthday_gifts(self):
        return []


class Winbacks(_Repo):
    async def open_for(self, card_id, now):
        return None


class StaffAlerts(_Repo):
    async def threshold(self, business_id):
        return None


class FakeUnitOfWork:
    """Committed state lives in `committed`; a block works on a deep copy until commit."""

    def __init__(self, clock: FakeClock | None = None) -> None:
        self.clock = clock or FakeClock()
        self.committed = Tables()
        self.state = self.committed
        self.commits = 0
        self.events: list = []
        self.written: list = []
        repos = {
            "users": Users, "customers": Customers, "businesses": Businesses,
            "staff": StaffRepo, "staff_invitations": StaffInvitations, "programs": Programs,
            "rewards": Rewards, "enrollments": Enrollments,
            "cards": Cards, "ledger": Ledger, "tiers": Tiers,
            "business_customers": BusinessCustomers,
            "requests": Requests, "notifications": Notifications,
            "preferences": Preferences, "scans": Scans, "conversations": Conversations,
            "privacy": Privacy, "referrals": Referrals, "gifts": Gifts, "winbacks": Winbacks,
            "staff_alerts": StaffAlerts, "broadcasts": Broadcasts,
        }  # fmt: skip
        for attr, cls in repos.items():
            setattr(self, attr, cls(self))

    def now(self) -> datetime:
        return self.clock()

    def record(self, event) -> None:
        self.events.append(event)

    async def __aenter__(self):
        self.state = copy.deepcopy(self.committed)
        self.events, self.written = [], []
        return self

    async def __aexit__(self, *exc) -> None:
        self.state = self.committed

    async def commit(self) -> None:
        events, self.events = self.events, []
        self.written = await write_outbox(self, events)
        self.committed = self.state
        self.commits += 1

    async def rollback(self) -> None:
        self.events = []
        self.state = self.committed

    def all(self, name: str) -> list:
        return list(self.committed.table(name).values())
