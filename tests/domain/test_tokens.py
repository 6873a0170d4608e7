"""QR tokens: signed, short, link-safe; altered, foreign, expired or revoked ones are refused."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import TokenRejected
from domain.tokens import TOKEN_LENGTH, TokenSigner, check_version, new_public_id

NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)
SIGNER = TokenSigner(b"s" * 32)
public_ids = st.binary(min_size=8, max_size=8).map(bytes.hex)
versions = st.integers(min_value=1, max_value=2**16 - 1)
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


@given(public_ids, versions)
def test_a_token_survives_a_round_trip(public_id, version):
    token = SIGNER.sign(public_id, version)
    claims = SIGNER.read(token, NOW)
    assert (claims.public_id, claims.key_version, claims.expires_at) == (public_id, version, None)


@given(public_ids, versions)
def test_a_token_fits_a_deep_link_payload(public_id, version):
    token = SIGNER.sign(public_id, version, NOW + timedelta(days=1))
    assert len(token) == TOKEN_LENGTH <= 64 - len("q_")
    assert re.fullmatch(r"[A-Za-z0-9_-]+", token)


@given(public_ids, versions, st.data())
def test_any_change_to_any_character_is_refused(public_id, version, data):
    token = SIGNER.sign(public_id, version)
    index = data.draw(st.integers(min_value=0, max_value=len(token) - 1))
    replacement = data.draw(st.sampled_from(ALPHABET).filter(lambda c: c != token[index]))
    altered = token[:index] + replacement + token[index + 1 :]
    with pytest.raises(TokenRejected) as refused:
        SIGNER.read(altered, NOW)
    assert refused.value.key in ("forged", "invalid")


@given(st.text(max_size=80))
def test_arbitrary_text_is_never_accepted(text):
    with pytest.raises(TokenRejected):
        SIGNER.read(text, NOW)


@given(public_ids, versions, st.binary(min_size=16, max_size=40))
def test_a_token_signed_with_another_key_is_forged(public_id, version, other_key):
    if other_key == b"s" * 32:
        return
    token = TokenSigner(other_key).sign(public_id, version)
    with pytest.raises(TokenRejected) as refused:
        SIGNER.read(token, NOW)
    assert refused.value.key == "forged"


@given(public_ids, versions, st.integers(min_value=0, max_value=10**6))
def test_an_expired_token_is_refused(public_id, version, seconds_late):
    expires = NOW - timedelta(seconds=seconds_late)
    token = SIGNER.sign(public_id, version, expires)
    with pytest.raises(TokenRejected) as refused:
        SIGNER.read(token, NOW)
    assert refused.value.key == "expired"


@given(public_ids, versions, versions)
def test_a_revoked_key_version_is_refused(public_id, version, current):
    claims = SIGNER.read(SIGNER.sign(public_id, version), NOW)
    if version == current:
        check_version(claims, current)
        return
    with pytest.raises(TokenRejected) as refused:
        check_version(claims, current)
    assert refused.value.key == "revoked"


def test_a_short_secret_is_refused():
    with pytest.raises(ValueError):
        TokenSigner(b"short")


def test_public_ids_are_random_and_sized():
    ids = {new_public_id() for _ in range(100)}
    assert len(ids) == 100 and all(len(i) == 16 for i in ids)
