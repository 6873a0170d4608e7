"""The words the page shows, from bot/locales/*/webapp.ftl, sent with the session.

The page has no catalogs of its own: the server sends these in the user's language (as the bot
speaks it), and every text about a card, a scan or a request comes already worded by the API.
"""

from __future__ import annotations

from functools import cache

from bot.i18n import t

PAGE_TEXTS = (
    "webapp_title", "webapp_tab_wallet", "webapp_tab_staff", "webapp_cards",
    "webapp_no_cards", "webapp_history", "webapp_no_history", "webapp_requests",
    "webapp_show_qr", "webapp_qr_hint", "webapp_close", "webapp_scan", "webapp_scan_prompt",
    "webapp_undo", "webapp_plus_one", "webapp_other_amount", "webapp_amount_prompt",
    "webapp_redeem", "webapp_today", "webapp_feed", "webapp_feed_empty", "webapp_search",
    "webapp_search_hint", "webapp_no_match", "webapp_balance", "webapp_live",
    "webapp_offline", "webapp_reopen", "webapp_chart", "webapp_type_code", "webapp_rewards",
)  # fmt: skip


@cache
def page_texts(locale: str) -> dict[str, str]:
    return {key.removeprefix("webapp_"): t(key, locale) for key in PAGE_TEXTS}
