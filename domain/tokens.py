"""QR tokens: short signed references to a customer, safe to put in a deep link.

Layout before base64url: public id (8 bytes) | key version (2) | expiry unix seconds (4, 0 = none)
| HMAC-SHA256 tag over the rest, truncated to 12 bytes (96 bits). 26 bytes → 35 characters of
`A-Za-z0-9_-`, inside the 64 a deep-link payload allows. No personal data is in it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import struct
from dataclasses import dataclass
from datetime import UTC, datetime

from domain.errors import TokenRejected

PUBLIC_ID_BYTES = 8
TAG_BYTES = 12
_BODY = struct.Struct(">8sHI")
TOKEN_BYTES = _BODY.size + TAG_BYTES
TOKEN_LENGTH = len(base64.urlsafe_b64encode(b"\0" * TOKEN_BYTES).rstrip(b"="))
_CONTEXT = b"loyalty-qr-v1|"


def new_public_id() -> str:
    """A random public id for a customer, as 16 hex characters."""
    return secrets.token_hex(PUBLIC_ID_BYTES)


@dataclass(frozen=True)
class TokenClaims:
    public_id: str
    key_version: int
    expires_at: datetime | None


class TokenSigner:
    """Signs and verifies customer tokens with the server secret."""

    def __init__(self, secret: bytes | str) -> None:
        key = secret.encode() if isinstance(secret, str) else secret
        if len(key) < 16:
            raise ValueError("the QR secret key must be at least 16 bytes")
        self._key = key

    def sign(self, public_id: str, key_version: int, expires_at: datetime | None = None) -> str:
        raw_id = bytes.fromhex(public_id)
        if len(raw_id) != PUBLIC_ID_BYTES or not 0 < key_version < 2**16:
            raise ValueError("bad public id or key version")
        expiry = int(expires_at.timestamp()) if expires_at else 0
        body = _BODY.pack(raw_id, key_version, expiry)
        return _b64(body + self._tag(body))

    def read(self, token: str, now: datetime) -> TokenClaims:
        """The claims of an authentic, unexpired token; raises TokenRejected otherwise.

        Revocation (an old key version) needs the customer's row, see `check_version`.
        """
        raw = _unb64(token)
        if raw is None or len(raw) != TOKEN_BYTES:
            raise TokenRejected("invalid")
        body, tag = raw[: _BODY.size], raw[_BODY.size :]
        if not hmac.compare_digest(tag, self._tag(body)):
            raise TokenRejected("forged")
        raw_id, version, expiry = _BODY.unpack(body)
        expires_at = datetime.fromtimestamp(expiry, UTC) if expiry else None
        if expires_at is not None and now >= expires_at:
            raise TokenRejected("expired")
        return TokenClaims(raw_id.hex(), version, expires_at)

    def _tag(self, body: bytes) -> bytes:
        return hmac.new(self._key, _CONTEXT + body, hashlib.sha256).digest()[:TAG_BYTES]


def check_version(claims: TokenClaims, current_version: int) -> None:
    """Refuse a token whose key version the customer has since revoked."""
    if claims.key_version != current_version:
        raise TokenRejected("revoked")


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _unb64(token: str) -> bytes | None:
    if len(token) != TOKEN_LENGTH or not token.isascii():
        return None
    if any(not (c.isalnum() or c in "-_") for c in token):
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (binascii.Error, ValueError):
        return None
    # Reject non-canonical encodings (the last character's spare bits set): one token, one text.
    return raw if _b64(raw) == token else None
