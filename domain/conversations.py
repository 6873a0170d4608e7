"""Guided steps and the business a chat acts for, kept per chat in the database.

Read when an update is handled and written before the bot asks its next question, never cached
in a process: on PostgreSQL any worker takes a chat's next answer, and a bot killed mid-step
continues after a restart.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from domain.access import active_memberships, require_owner, staff_business
from domain.errors import NotAllowed
from domain.models import Business, ChatState, Role
from domain.ports import UnitOfWork

# A step left unanswered this long is forgotten: a number typed days later is not an amount.
STEP_TTL_HOURS = 24


@dataclass(frozen=True)
class Acting:
    """Who acts for which business in one update; each use case checks it again."""

    business_id: int
    telegram_id: int


async def chat_state(uow: UnitOfWork, chat_id: int) -> ChatState:
    """The chat's step and acting business as stored now (an empty state for a new chat)."""
    async with uow:
        state = await uow.conversations.get(chat_id)
        now = uow.now()
    if state is None:
        return ChatState(chat_id)
    if state.step is not None and state.updated_at is not None:
        if (now - state.updated_at).total_seconds() > STEP_TTL_HOURS * 3600:
            return replace(state, step=None, data={})
    return state


async def go_to_step(
    uow: UnitOfWork, chat_id: int, step: str, data: dict[str, Any] | None = None
) -> None:
    """Store the question asked next and the answers so far, before the question is sent."""
    async with uow:
        await uow.conversations.set_step(chat_id, step, dict(data or {}), uow.now())
        await uow.commit()


async def end_step(uow: UnitOfWork, chat_id: int, *, act_for: int | None = None) -> None:
    """Leave any step; with `act_for`, the chat acts for that business from now on."""
    async with uow:
        await uow.conversations.set_step(chat_id, None, {}, uow.now())
        if act_for is not None:
            await uow.conversations.set_business(chat_id, act_for, uow.now())
        await uow.commit()


async def act_for(uow: UnitOfWork, chat_id: int, business_id: int) -> None:
    async with uow:
        await uow.conversations.set_business(chat_id, business_id, uow.now())
        await uow.commit()


async def choose_business(
    uow: UnitOfWork, chat_id: int, business_id: int, telegram_id: int
) -> Business:
    """The chat acts for this business from now on; only one the person works for."""
    async with uow:
        business = await staff_business(uow, business_id, telegram_id)
        await uow.conversations.set_business(chat_id, business_id, uow.now())
        await uow.commit()
        return business


async def acting_staff(uow: UnitOfWork, state: ChatState, telegram_id: int) -> Acting:
    """The business stored for the chat; else the one the person owns (or the first), stored.

    Trusting the stored id costs no read on the scan path: every use case checks again that
    the person is staff there, and removing someone from staff forgets it (`forget_business`).
    """
    if state.business_id is not None:
        return Acting(state.business_id, telegram_id)
    async with uow:
        memberships = await active_memberships(uow, telegram_id)
        if not memberships:
            # Staff only of suspended businesses are told so, not that they are no staff.
            suspended = bool(await uow.staff.of_user(telegram_id))
            raise NotAllowed("business_suspended" if suspended else "not_staff")
        owned = [s for s in memberships if s.role is Role.OWNER]
        chosen = (owned or memberships)[0]
        await uow.conversations.set_business(state.chat_id, chosen.business_id, uow.now())
        await uow.commit()
    return Acting(chosen.business_id, telegram_id)


async def start_owner_step(
    uow: UnitOfWork, chat_id: int, acting: Acting, step: str, data: dict[str, Any]
) -> None:
    """The first step of a flow only owners finish: refused now, not after five questions."""
    async with uow:
        await require_owner(uow, acting.business_id, acting.telegram_id)
        await uow.conversations.set_step(chat_id, step, dict(data), uow.now())
        await uow.commit()


async def forget_business(uow: UnitOfWork, telegram_id: int, business_id: int) -> None:
    """Inside a use case: a person removed from a business no longer acts for it."""
    user = await uow.users.get(telegram_id)
    if user is None:
        return
    state = await uow.conversations.get(user.chat_id)
    if state is not None and state.business_id == business_id:
        await uow.conversations.set_business(user.chat_id, None, uow.now())
