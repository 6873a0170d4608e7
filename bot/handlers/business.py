"""Business handlers: register a business, choose one, staff and their link, help, invitations."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import menus, steps
from bot.callbacks import Prefix, pattern, pressed
from bot.handlers.common import current_staff
from bot.handlers.scanning import limit_lookups
from bot.i18n import t
from bot.keyboards_business import business_choice
from bot.services import BotApp, Context
from bot.updates import chat_id_of, message_of, text_of, user_of
from domain.approvals import invite_to_program
from domain.commands import InviteToProgram, RegisterBusiness, SetTimeZone
from domain.conversations import choose_business
from domain.models import ChatState
from domain.people import register_business, set_time_zone
from domain.reports import invitation_target, my_businesses, staff_overview

BUSINESS_NAME = "business_name"  # step: waiting for the new business's name


async def on_newbusiness(update: Update, context: Context) -> None:
    """/newbusiness <name>, or ask for the name and take the next text."""
    name = text_of(update).partition(" ")[2]
    if name.strip():
        await _register(update, context, name)
        return
    await steps.go_to(update, context, BUSINESS_NAME)
    await message_of(update).reply_text(t("biz_ask_name"))


@steps.step(BUSINESS_NAME)
async def on_business_name(update: Update, context: Context, state: ChatState) -> None:
    """The name typed after /newbusiness."""
    await _register(update, context, text_of(update))


async def _register(update: Update, context: Context, name: str) -> None:
    services = context.services
    cmd = RegisterBusiness(user_of(update).id, name, services.operators)
    business = await register_business(services.uow(), cmd)
    await steps.leave(update, context, act_for=business.id)
    operator = services.is_operator(user_of(update).id)
    await menus.set_staff_commands(context.bot, chat_id_of(update), operator=operator)
    text = t("biz_created", business=business.name)
    if business.awaiting_approval_since is not None:
        text += "\n\n" + t("biz_awaiting_approval", business=business.name)
    await message_of(update).reply_text(text)


async def on_business(update: Update, context: Context) -> None:
    """/business: the businesses this user works for, with a button to choose each."""
    chosen = (await current_staff(update, context)).business_id
    memberships = await my_businesses(context.services.uow(), user_of(update).id)
    lines = [
        t("biz_list_line", marker="👉" if m.business.id == chosen else "•",
          business=m.business.name, role=t(f"role_{m.role.value}"))
        for m in memberships
    ]  # fmt: skip
    text = "\n".join([t("biz_list_header"), *lines])
    await message_of(update).reply_text(text, reply_markup=business_choice(memberships))


async def on_choose_business(update: Update, context: Context) -> None:
    """A business button: act for that business from now on (only one the user works for)."""
    button = pressed(update, 1)
    business = await choose_business(
        context.services.uow(), chat_id_of(update), button.number(0), user_of(update).id
    )
    await button.query.answer()
    await button.message.reply_text(t("biz_chosen", business=business.name))


async def on_bhelp(update: Update, context: Context) -> None:
    """/bhelp: the staff commands."""
    await current_staff(update, context)
    await message_of(update).reply_text(
        "\n".join(t(key) for key in ("bhelp", "loyalty_bhelp", "growth_bhelp"))
    )


async def on_timezone(update: Update, context: Context) -> None:
    """/timezone Europe/Madrid (owner): dates are shown in the business's local time."""
    staff = await current_staff(update, context)
    if not context.args:
        business = (await staff_overview(context.services.uow(), staff.business_id,
                                         staff.telegram_id)).business  # fmt: skip
        await message_of(update).reply_text(
            t("tz_usage", business=business.name, zone=business.time_zone)
        )
        return
    cmd = SetTimeZone(staff.business_id, staff.telegram_id, " ".join(context.args))
    business = await set_time_zone(context.services.uow(), cmd)
    await message_of(update).reply_text(
        t("tz_set", business=business.name, zone=business.time_zone)
    )


async def on_invite(update: Update, context: Context) -> None:
    """/invite K7QX-4M2P: invite that customer to the business's default program."""
    staff = await current_staff(update, context)
    if not context.args:
        await message_of(update).reply_text(t("invite_usage"))
        return
    services = context.services
    limit_lookups(context, staff)
    code = "".join(context.args)
    target = await invitation_target(services.uow(), staff.business_id, staff.telegram_id, code)
    cmd = InviteToProgram(
        staff.business_id, staff.telegram_id, target.customer.id, target.program.id,
        ttl=timedelta(days=services.settings.enrollment_ttl_days),
    )  # fmt: skip
    await invite_to_program(services.uow(), cmd)
    text = t("invite_sent", program=target.program.name, customer=target.customer.display_name)
    await message_of(update).reply_text(text)


def register(app: BotApp) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("newbusiness", on_newbusiness, filters=private))
    app.add_handler(CommandHandler("business", on_business, filters=private))
    app.add_handler(CommandHandler("bhelp", on_bhelp, filters=private))
    app.add_handler(CommandHandler("invite", on_invite, filters=private))
    app.add_handler(CommandHandler("timezone", on_timezone, filters=private))
    app.add_handler(CallbackQueryHandler(on_choose_business, pattern=pattern(Prefix.BUSINESS)))
