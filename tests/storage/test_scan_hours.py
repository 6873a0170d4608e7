"""What real scans keep in the hours (/stats, the digest) equals what the scan log, the ledger
and the customers say, whatever mix of awards, cooldown refusals and redelivered messages.

An award writes its hours once, at commit, from what its transaction already read (the
business's time zone, the customer's first contact, their newest award: storage/hour_tally.py,
storage/session_notes.py). A returning customer counts once per local day, so the mix here
crosses Kolkata's midnights (UTC+5:30) with several customers, some first seen that day.
"""

from __future__ import annotations

import random
from datetime import timedelta

from domain.commands import ScanCustomer
from domain.models import Role, ScanOutcome, Staff
from domain.scanning import scan_customer
from domain.tokens import TokenSigner
from storage.business_hours import rebuild, stored, stored_stmt
from storage.uow import SqlUnitOfWork
from tests.storage.builders import OWNER_TG, T0, card, customer, user
from tests.storage.test_doctor import sql

SIGNER = TokenSigner("scan-hours-test-secret-0123456789")
ZONE = "Asia/Kolkata"


async def test_scans_keep_the_hours_their_log_and_ledger_say(
    engine, session_factory, db_url, world
):
    now = [T0]
    new_uow = lambda: SqlUnitOfWork(session_factory, lambda: now[0])  # noqa: E731
    async with new_uow() as uow:
        await uow.staff.add(Staff(world.business_id, OWNER_TG, Role.OWNER, T0))
        ids = [world.customer_id]
        for n in range(3):
            await uow.users.upsert(user(3000 + n))
            made = await uow.customers.add(customer(3000 + n, f"h{n}"))
            assert made.id
            await uow.cards.add(card(made.id, world.program_id, world.business_id, f"H-{n}"))
            ids.append(made.id)
        await uow.commit()
    await sql(db_url, "UPDATE businesses SET default_program_id = :p, time_zone = :z",
              p=world.program_id, z=ZONE)  # fmt: skip
    public = {customer_id: f"{customer_id:016x}" for customer_id in ids}  # hex, as signed
    for customer_id, public_id in public.items():
        await sql(db_url, "UPDATE customers SET public_id = :p WHERE id = :c",
                  p=public_id, c=customer_id)  # fmt: skip

    picks = random.Random(16)
    outcomes: list[ScanOutcome] = []
    keys: list[str] = []
    for n in range(60):
        now[0] += timedelta(minutes=picks.choice((0.5, 3, 40, 190, 610)))
        who = picks.choice(ids)
        key = picks.choice(keys) if keys and picks.random() < 0.1 else f"scan-{n}"  # redelivered
        keys.append(key)
        cmd = ScanCustomer(
            world.business_id, OWNER_TG, key, token=SIGNER.sign(public[who], 1),
            cooldown=timedelta(seconds=picks.choice((0, 60, 60))),
        )  # fmt: skip
        outcomes.append((await scan_customer(new_uow(), cmd, SIGNER)).outcome)
    assert {ScanOutcome.AWARDED, ScanOutcome.DUPLICATE} <= set(outcomes)

    async with engine.connect() as conn:
        truth = await rebuild(conn, world.business_id, ZONE)
        kept = stored(await conn.execute(stored_stmt(world.business_id)))
    assert kept == truth
    figures = [sum(hour[n] for hour in truth.values()) for n in range(6)]
    scans, _, _, new, returning, _ = figures
    assert scans == outcomes.count(ScanOutcome.AWARDED)
    assert (new, returning > 4) == (len(ids), True), figures
    assert now[0] - T0 > timedelta(days=3)  # three of Kolkata's midnights at least
