"""Notification preferences: which categories a customer wants pushed."""

from __future__ import annotations

from domain.commands import ChooseLanguage, SetPreference
from domain.errors import InvalidInput, NotFound
from domain.models import ALWAYS_SENT, CUSTOMER_CATEGORIES, Category
from domain.ports import UnitOfWork

# What a customer can switch off: everything but the requests that need their answer.
SWITCHABLE = tuple(c for c in CUSTOMER_CATEGORIES if c not in ALWAYS_SENT)


async def set_preference(uow: UnitOfWork, cmd: SetPreference) -> dict[Category, bool]:
    try:
        category = Category(cmd.category)
    except ValueError:
        raise InvalidInput("unknown_category") from None
    if category not in SWITCHABLE:
        raise InvalidInput("category_always_on")
    async with uow:
        customer = await uow.customers.by_telegram(cmd.telegram_id)
        if customer is None:
            raise NotFound("customer_not_found")
        await uow.preferences.set(customer.id, category, cmd.enabled)
        prefs = await _all(uow, customer.id)
        await uow.commit()
        return prefs


async def get_preferences(uow: UnitOfWork, telegram_id: int) -> dict[Category, bool]:
    async with uow:
        customer = await uow.customers.by_telegram(telegram_id)
        if customer is None:
            raise NotFound("customer_not_found")
        return await _all(uow, customer.id)


async def _all(uow: UnitOfWork, customer_id: int) -> dict[Category, bool]:
    stored = await uow.preferences.all_for(customer_id)
    return {category: stored.get(category, True) for category in SWITCHABLE}


async def choose_language(uow: UnitOfWork, cmd: ChooseLanguage) -> None:
    """Store the language chosen in Settings; every later message uses it."""
    locale = cmd.locale
    if locale is not None and not (locale.isascii() and locale.isalpha() and len(locale) <= 8):
        raise InvalidInput("unknown_language")
    async with uow:
        if not await uow.users.set_locale(cmd.telegram_id, locale):
            raise NotFound("customer_not_found")
        await uow.commit()


async def chosen_language(uow: UnitOfWork, telegram_id: int) -> str | None:
    """The language this person chose in Settings, if any."""
    async with uow:
        user = await uow.users.get(telegram_id)
        return user.locale if user else None
