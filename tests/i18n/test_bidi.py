"""Right to left: codes, numbers, signs and names inside Arabic read as they should."""

from __future__ import annotations

import re

from bot.i18n import LOCALES, is_rtl, pick_locale, t

FSI, LRI, PDI = "\u2068", "\u2066", "\u2069"


def test_every_placeable_in_arabic_is_isolated():
    text = t("qr_caption", "ar", name="Layla", code="K7QX-4M2P")
    assert f"{FSI}K7QX-4M2P{PDI}" in text and f"{FSI}Layla{PDI}" in text


def test_english_is_not_littered_with_isolates():
    assert FSI not in t("qr_caption", "en", name="Ann", code="K7QX-4M2P")


def test_a_sign_before_a_number_stays_with_it_in_arabic():
    for key in ("added", "undone"):
        text = t(key, "ar", points=10, kind="points", balance=10)
        signs = re.findall(r"(.)([+−])" + FSI, text)
        assert signs, f"{key}: no signed number in {text!r}"
        assert all(before == LRI for before, _ in signs), f"{key}: {text!r}"


def test_a_fraction_keeps_its_order_in_arabic():
    text = t("card_line_stamps", "ar", business="Café", program="Club", stamps="●●●○○",
             balance=3, threshold=8, progress="")  # fmt: skip
    assert f"{LRI}{FSI}3{PDI}/{FSI}8{PDI}{PDI}" in text


def test_a_signed_amount_passed_as_text_is_one_isolated_run():
    line = t("history_line", "ar", when="30 نوفمبر", delta="+5", reason="زيارة")
    assert f"{FSI}+5{PDI}" in line


def test_only_arabic_is_right_to_left_and_unknown_tags_fall_back_to_english():
    assert [locale for locale in LOCALES if is_rtl(locale)] == ["ar"]
    assert [pick_locale(c) for c in ("ar-EG", "pt-BR", "zz", None, "RU")] == [
        "ar", "en", "en", "en", "ru",
    ]  # fmt: skip


def test_a_link_in_arabic_carries_no_isolate_marks_telegram_would_link_them_too():
    text = t("prog_created", "ar", id=1, program="نادي", points=1, kind="stamps",
             reward="قهوة", threshold=8, link="https://t.me/bot?start=j_abc")  # fmt: skip
    assert "\nhttps://t.me/bot?start=j_abc" in text and not text.endswith(PDI)
