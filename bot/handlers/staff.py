"""The owner's /staff: people and open invitation links, page by page, with their buttons.

New single-use links, revoking a link, a staff member's daily manual-award limit (asked as a
step), removing someone; and joining with a link, which asks the person first.
"""

from __future__ import annotations

from datetime import timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot import menus, steps
from bot.callbacks import Prefix, Pressed, pattern, pressed
from bot.handlers.common import current_staff, whole_number
from bot.i18n import t
from bot.keyboards_staff import STAFF_PAGE_SIZE, page_of, staff_join, staff_page
from bot.services import BotApp, Context
from bot.updates import chat_id_of, message_of, text_of, user_of
from domain.commands import (
    InviteStaff,
    JoinStaff,
    RemoveStaff,
    RevokeStaffInvitation,
    SetAwardLimit,
)
from domain.conversations import Acting, act_for
from domain.errors import InvalidAmount
from domain.models import ChatState, StaffInvitation
from domain.people import remove_staff
from domain.queries import staff_memberships
from domain.reports import StaffMember, staff_overview
from domain.staff import (
    invite_staff,
    join_staff,
    preview_staff_invitation,
    revoke_staff_invitation,
    set_award_limit,
)

AWARD_LIMIT = "award_limit"  # step data: {"telegram_id": int, "name": str}
NO_LIMIT = ("0", "-", "none", "off")


async def on_staff(update: Update, context: Context) -> None:
    """/staff (owner): staff and open invitation links, with their buttons."""
    staff = await current_staff(update, context)
    text, markup = await _staff_view(context, staff, 0)
    await message_of(update).reply_text(text, reply_markup=markup)


async def on_staff_page(update: Update, context: Context) -> None:
    """◀ / ▶ under /staff: another page in the same message."""
    button = pressed(update, 1)
    await _redraw(update, context, button, button.number(0))


async def on_new_link(update: Update, context: Context) -> None:
    """➕ New invitation link: one person, once, before it expires."""
    button = pressed(update, 0)
    staff = await current_staff(update, context)
    hours = context.services.settings.staff_invite_hours
    cmd = InviteStaff(staff.business_id, staff.telegram_id, ttl=timedelta(hours=hours))
    invitation = await invite_staff(context.services.uow(), cmd)
    await button.query.answer()
    link = context.services.deep_link("s_" + invitation.code)
    await button.message.reply_text(t("staff_link_made", link=link, hours=round(hours)))


async def on_revoke_link(update: Update, context: Context) -> None:
    """Revoke: the link lets nobody in any more; the list is shown again."""
    button = pressed(update, 1)
    staff = await current_staff(update, context)
    cmd = RevokeStaffInvitation(staff.business_id, staff.telegram_id, button.number(0))
    await revoke_staff_invitation(context.services.uow(), cmd)
    await _redraw(update, context, button, 0, t("staff_link_revoked"))


async def on_remove_staff(update: Update, context: Context) -> None:
    """A Remove button: the owner removes a staff member; the list is shown again."""
    button = pressed(update, 1)
    telegram_id = button.number(0)
    staff = await current_staff(update, context)
    cmd = RemoveStaff(staff.business_id, staff.telegram_id, telegram_id)
    await remove_staff(context.services.uow(), cmd)
    if not await staff_memberships(context.services.view_uow(), telegram_id):
        await menus.clear_staff_commands(context.bot, telegram_id)
    await _redraw(update, context, button, 0, t("staff_removed"))


async def on_limit_button(update: Update, context: Context) -> None:
    """Limit: ask the owner for the member's daily manual-award limit."""
    button = pressed(update, 1)
    staff = await current_staff(update, context)
    data = {"telegram_id": button.number(0), "business_id": staff.business_id}
    await steps.go_to(update, context, AWARD_LIMIT, data)
    await button.query.answer()
    await button.message.reply_text(t("staff_ask_limit"))


@steps.step(AWARD_LIMIT)
async def on_limit_text(update: Update, context: Context, state: ChatState) -> None:
    """The number typed after Limit (0 or "none": no limit)."""
    typed = text_of(update).strip().lower()
    limit = None if typed in NO_LIMIT else whole_number(typed, InvalidAmount("amount_not_integer"))
    cmd = SetAwardLimit(int(state.data["business_id"]), user_of(update).id,
                        int(state.data["telegram_id"]), limit)  # fmt: skip
    await set_award_limit(context.services.uow(), cmd)
    await steps.leave(update, context)
    key = "staff_limit_off" if limit is None else "staff_limit_set"
    await message_of(update).reply_text(t(key, limit=limit or 0))


async def _redraw(
    update: Update, context: Context, button: Pressed, page: int, notice: str = ""
) -> None:
    staff = await current_staff(update, context)
    text, markup = await _staff_view(context, staff, page)
    await button.query.answer(notice)
    try:
        await button.query.edit_message_text(text, reply_markup=markup)
    except BadRequest as error:  # the same page again: nothing to change
        if "not modified" not in error.message.lower():
            raise


async def _staff_view(
    context: Context, staff: Acting, number: int
) -> tuple[str, InlineKeyboardMarkup]:
    overview = await staff_overview(context.services.uow(), staff.business_id, staff.telegram_id)
    members, invitations = overview.members, overview.invitations
    page = page_of(len(members) + len(invitations), number, STAFF_PAGE_SIZE)
    header = t("staff_page_header", business=overview.business.name, page=page.number + 1,
               pages=page.pages)  # fmt: skip
    entries: list[StaffMember | StaffInvitation] = [*members, *invitations]
    lines = [_line(context, entry) for entry in entries[page.start : page.end]]
    return "\n".join([header, *lines]), staff_page(members, invitations, page)


def _line(context: Context, entry: StaffMember | StaffInvitation) -> str:
    if isinstance(entry, StaffInvitation):
        link = context.services.deep_link("s_" + entry.code)
        until = entry.expires_at.strftime("%Y-%m-%d %H:%M UTC")
        return t("staff_link_line", id=entry.id, link=link, expires=until)
    role = t(f"role_{entry.role.value}")
    if entry.daily_award_limit is None:
        return t("staff_line", name=entry.name, role=role)
    return t("staff_line_limited", name=entry.name, role=role, limit=entry.daily_award_limit)


async def ask_to_join(update: Update, context: Context, code: str) -> None:
    """A staff link was opened: say which business, and ask before joining."""
    user_id = user_of(update).id
    preview = await preview_staff_invitation(context.services.uow(), code, user_id)
    if preview.already:
        await message_of(update).reply_text(t("staff_already", business=preview.business.name))
        return
    await message_of(update).reply_text(
        t("staff_join_question", business=preview.business.name),
        reply_markup=staff_join(code),
    )


async def on_join_answer(update: Update, context: Context) -> None:
    """Join / Don't join under the question; joining makes the chat act for that business,
    and says so."""
    button = pressed(update, 2)
    code, yes = button.text(0), button.choice(1, "y", "n") == "y"
    if not yes:
        await button.query.answer()
        await button.query.edit_message_text(t("staff_join_declined"))
        return
    joined = await join_staff(context.services.uow(), JoinStaff(code, user_of(update).id))
    context.services.dispatcher.wake()
    await button.query.answer()
    if joined.already:
        await button.query.edit_message_text(t("staff_already", business=joined.business.name))
        return
    await act_for(context.services.uow(), chat_id_of(update), joined.business.id)
    await button.query.edit_message_text(t("staff_joined_acting", business=joined.business.name))
    operator = context.services.is_operator(user_of(update).id)
    await menus.set_staff_commands(context.bot, chat_id_of(update), operator=operator)


def register(app: BotApp) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("staff", on_staff, filters=private))
    for prefix, handler in (
        (Prefix.STAFF_PAGE, on_staff_page),
        (Prefix.STAFF_INVITE, on_new_link),
        (Prefix.STAFF_REVOKE, on_revoke_link),
        (Prefix.STAFF_REMOVE, on_remove_staff),
        (Prefix.STAFF_LIMIT, on_limit_button),
        (Prefix.STAFF_JOIN, on_join_answer),
    ):
        app.add_handler(CallbackQueryHandler(handler, pattern=pattern(prefix)))
