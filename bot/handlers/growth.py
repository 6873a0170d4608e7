"""Customers' growth handlers: /refer (invite-a-friend links), /promo CODE, and the deep links
of both (`r_<code>` and `p_<code>`, routed by bot.handlers.deeplinks)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot import keyboards
from bot.i18n import t
from bot.services import BotApp, Context
from bot.updates import message_of, user_of
from domain.growth.commands import JoinByReferral, RedeemPromo
from domain.growth.promos import redeem_promo
from domain.growth.referrals import invite_links, join_by_referral

REFERRAL, PROMO = "r_", "p_"


async def on_refer(update: Update, context: Context) -> None:
    """/refer: the customer's invite-a-friend link for each place that rewards it."""
    links = await invite_links(context.services.uow(), user_of(update).id)
    if not links:
        await message_of(update).reply_text(t("referral_links_none"))
        return
    lines = [t("referral_links_title")]
    for link in links:
        url = context.services.deep_link(REFERRAL + link.code)
        lines.append(
            t("referral_link_line", business=link.business, bonus=link.terms.bonus,
              kind=link.kind, link=url)
        )  # fmt: skip
    await message_of(update).reply_text("\n\n".join(lines), disable_web_page_preview=True)


async def referral_link(update: Update, context: Context, code: str) -> None:
    """A friend opened a customer's link: they join, and the bonus waits for their visit."""
    joined = await join_by_referral(
        context.services.uow(), JoinByReferral(user_of(update).id, code)
    )
    key = "referral_joined" if joined.terms.on else "referral_joined_no_bonus"
    await message_of(update).reply_text(
        t(key, program=joined.program.name, business=joined.business,
          number=joined.card.number, bonus=joined.terms.bonus, kind=joined.program.kind.value),
        reply_markup=keyboards.customer_menu(),
    )  # fmt: skip


async def on_promo(update: Update, context: Context) -> None:
    """/promo CODE: credit a promo code's points."""
    code = " ".join(context.args or [])
    if not code.strip():
        await message_of(update).reply_text(t("promo_usage"))
        return
    await promo_code(update, context, code)


async def promo_code(update: Update, context: Context, code: str) -> None:
    """A promo code typed after /promo or opened as its deep link."""
    done = await redeem_promo(context.services.uow(), RedeemPromo(user_of(update).id, code))
    text = t("promo_redeemed", business=done.business, points=done.points,
             kind=done.program.kind.value, program=done.program.name,
             balance=done.card.balance)  # fmt: skip
    if done.enrolled:
        text += "\n" + t("promo_enrolled", program=done.program.name)
    await message_of(update).reply_text(text, reply_markup=keyboards.customer_menu())


def register(app: BotApp) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("refer", on_refer, filters=private))
    app.add_handler(CommandHandler("promo", on_promo, filters=private))
