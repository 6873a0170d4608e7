"""Customer handlers: start, My QR, My cards, History, Requests, Settings, Help."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import CommandHandler, MessageHandler, filters

from bot import keyboards, views
from bot.handlers.deeplinks import route_deep_link
from bot.i18n import t
from bot.pictures.qr import customer_qr_png
from bot.services import BotApp, Context
from bot.updates import message_of, text_of, user_of
from domain.commands import IssueToken, RenewQr
from domain.people import issue_customer_token, renew_customer_qr
from domain.preferences import get_preferences
from domain.queries import customer_history, list_customer_cards, pending_requests


async def on_start(update: Update, context: Context) -> None:
    """/start, with or without a deep-link payload."""
    if context.args:
        await route_deep_link(update, context, context.args[0])
        return
    name = user_of(update).first_name or ""
    await message_of(update).reply_text(
        t("welcome", name=name), reply_markup=keyboards.customer_menu(context.services.webapp_url)
    )


async def on_help(update: Update, context: Context) -> None:
    """/help and the Help button."""
    await message_of(update).reply_text(
        t("help", qr=t("btn_qr"), cards=t("btn_cards"), history=t("btn_history"),
          requests=t("btn_requests"), settings=t("btn_settings")) + "\n\n" + t("help_growth"),
        reply_markup=keyboards.customer_menu(context.services.webapp_url),
    )  # fmt: skip


async def on_my_qr(update: Update, context: Context, *, renewed: bool = False) -> None:
    """My QR: the customer's signed code as an image, with the manual code in the caption."""
    services = context.services
    cmd = IssueToken(user_of(update).id, services.qr_ttl)
    issued = await issue_customer_token(services.uow(), cmd, services.signer)
    caption = t("qr_caption", name=issued.customer.display_name, code=issued.customer.manual_code)
    if renewed:
        caption = f"{t('qr_renewed')}\n{caption}"
    link = services.qr_link(issued.token)
    # Drawing the code and its caption and encoding the PNG take about 13 ms: not on the loop.
    png = await asyncio.to_thread(customer_qr_png, link, issued.customer.manual_code)
    await message_of(update).reply_photo(png, caption=caption)


async def on_newqr(update: Update, context: Context) -> None:
    """/newqr: revoke the old code and show the new one."""
    await renew_customer_qr(context.services.uow(), RenewQr(user_of(update).id))
    await on_my_qr(update, context, renewed=True)


async def on_cards(update: Update, context: Context) -> None:
    """My cards: every card with its balance and progress, read fresh each time."""
    cards = await list_customer_cards(context.services.view_uow(), user_of(update).id)
    await message_of(update).reply_text(views.cards_text(cards))


async def on_history(update: Update, context: Context) -> None:
    """History: the latest ledger rows per card, newest first."""
    history = await customer_history(context.services.view_uow(), user_of(update).id)
    await message_of(update).reply_text(views.history_text(history))


async def on_requests(update: Update, context: Context) -> None:
    """Requests: each pending request again, with its buttons."""
    requests = await pending_requests(context.services.view_uow(), user_of(update).id)
    if not requests:
        await message_of(update).reply_text(t("requests_empty"))
        return
    for view in requests:
        text, markup = views.request_message(view)
        await message_of(update).reply_text(text, reply_markup=markup)


async def on_settings(update: Update, context: Context) -> None:
    """Settings: a button per notification category."""
    prefs = await get_preferences(context.services.uow(), user_of(update).id)
    await message_of(update).reply_text(
        t("settings_header"), reply_markup=keyboards.preferences(prefs)
    )


def register(app: BotApp) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("start", on_start, filters=private))
    app.add_handler(CommandHandler("help", on_help, filters=private))
    app.add_handler(CommandHandler(["qr", "myqr"], on_my_qr, filters=private))
    app.add_handler(CommandHandler("newqr", on_newqr, filters=private))
    app.add_handler(CommandHandler("cards", on_cards, filters=private))
    app.add_handler(CommandHandler("history", on_history, filters=private))
    app.add_handler(CommandHandler("requests", on_requests, filters=private))
    app.add_handler(CommandHandler("settings", on_settings, filters=private))
    labels = keyboards.menu_labels()
    app.add_handler(MessageHandler(private & filters.Text(list(labels)), on_menu_button))


async def on_menu_button(update: Update, context: Context) -> None:
    """A customer menu button, in whichever language its label is."""
    key = keyboards.menu_labels().get(text_of(update))
    actions = {
        "btn_qr": on_my_qr, "btn_cards": on_cards, "btn_history": on_history,
        "btn_requests": on_requests, "btn_settings": on_settings, "btn_help": on_help,
    }  # fmt: skip
    if key in actions:
        await actions[key](update, context)
