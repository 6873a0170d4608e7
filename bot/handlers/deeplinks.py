"""Deep links (`/start <payload>`): a customer's QR (a scan), a staff invitation, a join link,
a friend's invitation (bot.handlers.growth), a promo code."""

from __future__ import annotations

from telegram import Update

from bot import keyboards
from bot.i18n import t
from bot.services import Context
from bot.updates import message_of, user_of
from domain.approvals import join_program
from domain.commands import JoinProgram
from domain.errors import InvalidInput
from domain.queries import list_customer_cards

SCAN, STAFF, JOIN = "q_", "s_", "j_"


async def route_deep_link(update: Update, context: Context, payload: str) -> None:
    # scanning and staff import this package's helpers
    from bot.handlers.growth import PROMO, REFERRAL, promo_code, referral_link
    from bot.handlers.scanning import scan_link
    from bot.handlers.staff import ask_to_join

    if payload.startswith(SCAN):
        await scan_link(update, context, payload[len(SCAN) :])
    elif payload.startswith(STAFF):
        await ask_to_join(update, context, payload[len(STAFF) :])
    elif payload.startswith(JOIN):
        await _join_program(update, context, payload[len(JOIN) :])
    elif payload.startswith(REFERRAL):
        await referral_link(update, context, payload[len(REFERRAL) :])
    elif payload.startswith(PROMO):
        await promo_code(update, context, payload[len(PROMO) :])
    else:
        raise InvalidInput("invite_not_found")


async def _join_program(update: Update, context: Context, code: str) -> None:
    user_id = user_of(update).id
    before = {
        v.card.program_id for v in await list_customer_cards(context.services.view_uow(), user_id)
    }
    card = await join_program(context.services.uow(), JoinProgram(user_id, code))
    views = await list_customer_cards(context.services.view_uow(), user_id)
    view = next(v for v in views if v.card.id == card.id)
    key = "already_in_program" if card.program_id in before else "joined_program"
    await message_of(update).reply_text(
        t(key, program=view.program.name, business=view.business, number=card.number),
        reply_markup=keyboards.customer_menu(context.services.webapp_url),
    )
