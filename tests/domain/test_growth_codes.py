"""Promo and referral codes: random enough, readable, and typed back the way people type."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from domain.growth.codes import (
    ALPHABET,
    PROMO_LENGTH,
    REFERRAL_LENGTH,
    bits,
    new_code,
    normalize,
    shown,
)


def test_codes_carry_at_least_40_random_bits():
    assert bits(PROMO_LENGTH) >= 40
    assert bits(REFERRAL_LENGTH) >= 64


def test_the_alphabet_has_no_characters_people_confuse():
    assert not set(ALPHABET) & set("0O1ILUV")  # 0/O, 1/I/L, U/V
    assert len(set(ALPHABET)) == len(ALPHABET)


def test_fresh_codes_use_only_the_alphabet_and_do_not_repeat():
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(c) == PROMO_LENGTH and set(c) <= set(ALPHABET) for c in codes)


@given(st.text(alphabet=ALPHABET, min_size=PROMO_LENGTH, max_size=PROMO_LENGTH))
def test_a_printed_code_typed_back_in_small_letters_or_with_spaces_is_the_code(code):
    printed = shown(code)
    assert normalize(printed) == code
    assert normalize(printed.lower()) == code
    assert normalize(" ".join(printed)) == code


def test_text_that_cannot_be_a_code_is_none():
    for text in ("", "   ", "not a code!", "O0O0O0O0O0", "A" * 40, "Ж2345"):
        assert normalize(text) is None
