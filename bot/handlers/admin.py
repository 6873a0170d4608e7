"""Platform operators (LOYALTY_ADMIN_IDS): /admin, its buttons, and the operators' menus.

To anyone else /admin does not exist: it answers as an unknown command, its buttons are
refused, and every use case behind them checks the operator list again.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import menus
from bot.callbacks import Prefix, pattern, pressed
from bot.handlers.common import on_unknown_command
from bot.i18n import DEFAULT, pick_locale, t
from bot.keyboards_admin import businesses
from bot.services import BotApp, Context
from bot.updates import message_of, user_of
from domain.errors import InvalidInput
from domain.operators import (
    AsOperator,
    OperatorPage,
    businesses_page,
    operator_profiles,
    set_business_status,
    transfer_ownership,
)

CHANGES = {"a": "approved", "s": "suspended", "r": "resumed"}


def _as_operator(context: Context, telegram_id: int) -> AsOperator:
    return AsOperator(telegram_id, context.services.operators)


async def on_admin(update: Update, context: Context) -> None:
    """/admin: the businesses, 5 a page; `/admin transfer BUSINESS_ID TELEGRAM_ID`."""
    user_id = user_of(update).id
    if not context.services.is_operator(user_id):
        await on_unknown_command(update, context)  # invisible: as if there were no /admin
        return
    who = _as_operator(context, user_id)
    args = context.args or []
    if args[:1] == ["transfer"]:
        await _transfer(update, context, who, args[1:])
        return
    page = await businesses_page(context.services.uow(), who, 0)
    await message_of(update).reply_text(_page_text(page), reply_markup=businesses(page))


async def _transfer(update: Update, context: Context, who: AsOperator, args: list[str]) -> None:
    if len(args) != 2 or not all(a.isdigit() for a in args):
        await message_of(update).reply_text(t("admin_transfer_usage"))
        return
    business_id, new_owner = int(args[0]), int(args[1])
    business = await transfer_ownership(context.services.uow(), who, business_id, new_owner)
    # A private chat's id is its person's id: the new owner gets the staff menu.
    await menus.set_staff_commands(
        context.bot, new_owner, operator=context.services.is_operator(new_owner)
    )
    await message_of(update).reply_text(
        t("admin_transferred", business=business.name, owner=new_owner)
    )


async def on_admin_page(update: Update, context: Context) -> None:
    """◀ ▶ under the list."""
    button = pressed(update, 1)
    who = _as_operator(context, button.query.from_user.id)
    page = await businesses_page(context.services.uow(), who, button.number(0))
    await button.query.answer()
    await button.query.edit_message_text(_page_text(page), reply_markup=businesses(page))


async def on_admin_action(update: Update, context: Context) -> None:
    """Approve, Suspend or Resume a business; the list is shown again."""
    button = pressed(update, 3)
    change = CHANGES.get(button.text(0))
    if change is None:
        raise InvalidInput("stale_button")
    who = _as_operator(context, button.query.from_user.id)
    uow = context.services.uow
    business = await set_business_status(uow(), who, button.number(1), change)
    page = await businesses_page(uow(), who, button.number(2))
    await button.query.answer(t(f"admin_{change}", business=business.name))
    await button.query.edit_message_text(_page_text(page), reply_markup=businesses(page))


def _page_text(page: OperatorPage) -> str:
    lines = [t("admin_header", total=page.total, page=page.page + 1, pages=page.pages)]
    for line in page.lines:
        row, figures = line.overview, line.figures
        status = (
            "suspended" if row.suspended else "awaiting" if row.awaiting_approval else "active"
        )
        lines.append(
            t("admin_business_line", id=row.business_id, business=row.name,
              owner=row.owner_name, owner_id=row.owner_telegram_id,
              status=t(f"admin_status_{status}"), customers=row.customers, cards=row.cards,
              staff=row.staff, scans=figures.scans, issued=figures.points_issued)
        )  # fmt: skip
    return "\n\n".join(lines)


async def set_operator_menus(app: BotApp) -> None:
    """Each operator's own command menu (chat scope), in their language, /admin first."""
    services = app.bot_data["services"]
    for profile in await operator_profiles(services.uow(), services.operators):
        locale = pick_locale(profile.language) if profile.language else DEFAULT
        if profile.staff:
            await menus.set_staff_commands(app.bot, profile.telegram_id, locale, operator=True)
        else:
            await menus.set_customer_commands(app.bot, profile.telegram_id, locale, operator=True)


def register(app: BotApp) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("admin", on_admin, filters=private))
    app.add_handler(CallbackQueryHandler(on_admin_page, pattern=pattern(Prefix.ADMIN_PAGE)))
    app.add_handler(CallbackQueryHandler(on_admin_action, pattern=pattern(Prefix.ADMIN_ACT)))
