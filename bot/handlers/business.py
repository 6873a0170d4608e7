"""Business handlers: register a business, choose one, staff and their link, help, invitations."""

from __future__ import annotations

from datetime import timedelta

from telegram import Message, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import menus
from bot.callbacks import Prefix, decode, pattern
from bot.handlers.card_actions import PENDING
from bot.handlers.common import current_staff
from bot.keyboards_business import business_choice, staff_removal
from bot.services import Context
from bot.texts import t
from domain.approvals import invite_to_program
from domain.commands import InviteToProgram, RegisterBusiness, RemoveStaff
from domain.errors import DomainError, InvalidInput
from domain.models import Staff
from domain.people import register_business, remove_staff
from domain.queries import staff_memberships
from domain.reports import choose_business, invitation_target, my_businesses, staff_overview

# A guided flow keeps its step in user_data[FLOW] and is set before the bot asks, so the answer
# cannot race the state even with concurrent updates (PTB's ConversationHandler is not safe there).
FLOW = "flow"
BUSINESS_NAME = "business_name"  # step: waiting for the new business's name


class AtStep(filters.MessageFilter):
    """Messages from users whose guided flow is at one of `steps`."""

    def __init__(self, app: Application, *steps: str) -> None:
        super().__init__(name=f"AtStep{steps}")
        self._user_data = app.user_data
        self._steps = steps

    def filter(self, message: Message) -> bool:
        user = message.from_user
        data = self._user_data.get(user.id) if user else None
        return bool(data) and data.get(FLOW) in self._steps


def callback_args(update: Update, count: int) -> tuple[str, ...]:
    """The arguments of a pressed button's data; anything malformed is a stale button."""
    callback = decode(update.callback_query.data)
    if callback is None or len(callback.args) != count:
        raise InvalidInput("stale_button")
    return callback.args


def whole_number(text: str, error: DomainError) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise error from None


async def on_newbusiness(update: Update, context: Context) -> None:
    """/newbusiness <name>, or ask for the name and take the next text."""
    name = (update.message.text or "").partition(" ")[2]
    if name.strip():
        await _register(update, context, name)
        return
    context.user_data[FLOW] = BUSINESS_NAME
    await update.message.reply_text(t("biz_ask_name"))


async def on_business_name(update: Update, context: Context) -> None:
    """The name typed after /newbusiness."""
    await _register(update, context, update.message.text or "")


async def _register(update: Update, context: Context, name: str) -> None:
    cmd = RegisterBusiness(update.effective_user.id, name)
    business = await register_business(context.services.uow(), cmd)
    context.user_data.pop(FLOW, None)
    context.user_data["business_id"] = business.id
    await menus.set_staff_commands(context.bot, update.effective_chat.id)
    await update.message.reply_text(t("biz_created", business=business.name))


async def on_cancel(update: Update, context: Context) -> None:
    """/cancel: leave whichever guided flow (or typed amount) is running."""
    context.user_data.pop(FLOW, None)
    context.user_data.pop(PENDING, None)
    await update.message.reply_text(t("biz_cancelled"))


async def on_business(update: Update, context: Context) -> None:
    """/business: the businesses this user works for, with a button to choose each."""
    chosen = (await current_staff(update, context)).business_id
    memberships = await my_businesses(context.services.uow(), update.effective_user.id)
    lines = [
        t("biz_list_line", marker="👉" if m.business.id == chosen else "•",
          business=m.business.name, role=m.role.value)
        for m in memberships
    ]  # fmt: skip
    text = "\n".join([t("biz_list_header"), *lines])
    await update.message.reply_text(text, reply_markup=business_choice(memberships))


async def on_choose_business(update: Update, context: Context) -> None:
    """A business button: act for that business from now on (only one the user works for)."""
    (raw,) = callback_args(update, 1)
    business_id = whole_number(raw, InvalidInput("stale_button"))
    business = await choose_business(context.services.uow(), business_id, update.effective_user.id)
    context.user_data["business_id"] = business.id
    await update.callback_query.answer()
    await update.effective_message.reply_text(t("biz_chosen", business=business.name))


async def on_staff(update: Update, context: Context) -> None:
    """/staff (owner): the staff invitation link and the staff, each with a Remove button."""
    staff = await current_staff(update, context)
    text, markup = await _staff_view(context, staff)
    await update.message.reply_text(text, reply_markup=markup)


async def on_remove_staff(update: Update, context: Context) -> None:
    """A Remove button: the owner removes a staff member; the list is shown again."""
    (raw,) = callback_args(update, 1)
    telegram_id = whole_number(raw, InvalidInput("stale_button"))
    staff = await current_staff(update, context)
    cmd = RemoveStaff(staff.business_id, staff.telegram_id, telegram_id)
    await remove_staff(context.services.uow(), cmd)
    if not await staff_memberships(context.services.uow(), telegram_id):
        await menus.clear_staff_commands(context.bot, telegram_id)
    await update.callback_query.answer(t("staff_removed"))
    text, markup = await _staff_view(context, staff)
    await update.callback_query.edit_message_text(text, reply_markup=markup)


async def _staff_view(context: Context, staff: Staff):
    overview = await staff_overview(context.services.uow(), staff.business_id, staff.telegram_id)
    link = context.services.deep_link("s_" + overview.business.staff_invite_code)
    lines = [t("staff_line", name=m.name, role=m.role.value) for m in overview.members]
    text = "\n".join([t("staff_header", business=overview.business.name, link=link), *lines])
    return text, staff_removal(overview.members)


async def on_bhelp(update: Update, context: Context) -> None:
    """/bhelp: the staff commands."""
    await current_staff(update, context)
    await update.message.reply_text(t("bhelp"))


async def on_invite(update: Update, context: Context) -> None:
    """/invite K7QX-4M2P: invite that customer to the business's default program."""
    staff = await current_staff(update, context)
    if not context.args:
        await update.message.reply_text(t("invite_usage"))
        return
    services = context.services
    code = "".join(context.args)
    target = await invitation_target(services.uow(), staff.business_id, staff.telegram_id, code)
    cmd = InviteToProgram(
        staff.business_id, staff.telegram_id, target.customer.id, target.program.id,
        ttl=timedelta(days=services.settings.enrollment_ttl_days),
    )  # fmt: skip
    await invite_to_program(services.uow(), cmd)
    name = target.customer.display_name
    await update.message.reply_text(t("invite_sent", program=target.program.name, customer=name))


def register(app: Application) -> None:
    private = filters.ChatType.PRIVATE
    typed = private & filters.TEXT & ~filters.COMMAND
    app.add_handler(CommandHandler("newbusiness", on_newbusiness, filters=private))
    app.add_handler(MessageHandler(typed & AtStep(app, BUSINESS_NAME), on_business_name))
    app.add_handler(CommandHandler("cancel", on_cancel, filters=private))
    app.add_handler(CommandHandler("business", on_business, filters=private))
    app.add_handler(CommandHandler("staff", on_staff, filters=private))
    app.add_handler(CommandHandler("bhelp", on_bhelp, filters=private))
    app.add_handler(CommandHandler("invite", on_invite, filters=private))
    app.add_handler(CallbackQueryHandler(on_choose_business, pattern=pattern(Prefix.BUSINESS)))
    app.add_handler(CallbackQueryHandler(on_remove_staff, pattern=pattern(Prefix.STAFF_REMOVE)))
