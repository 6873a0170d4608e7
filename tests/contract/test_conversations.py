"""Contract: conversations, one row per chat, steps and the acting business written apart."""

from __future__ import annotations

from datetime import timedelta

from domain.models import ChatState
from tests.storage.builders import T0

CHAT = 7_000_000_001  # beyond 32 bits, as Telegram chat ids may be


async def test_a_chat_without_a_row_has_no_state(new_uow):
    async with new_uow() as uow:
        assert await uow.conversations.get(CHAT) is None


async def test_a_step_with_its_answers_is_stored_and_read_back(new_uow):
    answers = {"name": "Café Lumen ☕", "kind": "stamps", "points": 1, "cap": None}
    async with new_uow() as uow:
        await uow.conversations.set_step(CHAT, "program_threshold", answers, T0)
        await uow.commit()
    async with new_uow() as uow:
        state = await uow.conversations.get(CHAT)
    assert state == ChatState(CHAT, "program_threshold", answers, None, T0)


async def test_the_step_and_the_business_are_written_without_undoing_each_other(new_uow, world):
    later = T0 + timedelta(minutes=1)
    async with new_uow() as uow:
        await uow.conversations.set_business(CHAT, world.business_id, T0)
        await uow.conversations.set_step(CHAT, "amount", {"card_id": 5}, later)
        await uow.commit()
    async with new_uow() as uow:
        both = await uow.conversations.get(CHAT)
        await uow.conversations.set_step(CHAT, None, {}, later)
        await uow.conversations.set_business(CHAT, None, later)
        await uow.conversations.set_business(CHAT, world.business_id, later)
        await uow.commit()
    async with new_uow() as uow:
        left = await uow.conversations.get(CHAT)
    assert both == ChatState(CHAT, "amount", {"card_id": 5}, world.business_id, later)
    assert left == ChatState(CHAT, None, {}, world.business_id, later)


async def test_a_step_not_committed_is_not_kept(new_uow):
    async with new_uow() as uow:
        await uow.conversations.set_step(CHAT, "business_name", {}, T0)
    async with new_uow() as uow:
        assert await uow.conversations.get(CHAT) is None
