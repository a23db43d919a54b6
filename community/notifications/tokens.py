"""Signed addresses and links in notification mail: unsubscribe, reply, bounce.

Reply and bounce tokens sit in an address's local part, which RFC 5321 caps at
64 octets and which some relays lowercase, so they are short, lowercase
base36/base32 fields with a truncated HMAC, not itsdangerous payloads.
"""

import base64
import hashlib
import hmac
import time
from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

UNSUBSCRIBE_TARGETS = ("thread", "community", "tag", "all")


class TokenRefused(ValueError):
    """A token that is forged, malformed or expired; str() says which (for logs)."""


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="unsubscribe")


def unsubscribe_token(user_id: int, target_type: str, target_id: int) -> str:
    """A link that needs no session and never expires (RFC 8058 one-click)."""
    return _serializer().dumps([user_id, target_type, target_id])


def read_unsubscribe_token(token: str) -> tuple[int, str, int]:
    try:
        user_id, target_type, target_id = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        raise TokenRefused("forged or malformed unsubscribe token") from None
    if target_type not in UNSUBSCRIBE_TARGETS or not isinstance(target_id, int):
        raise TokenRefused("unknown unsubscribe target")
    return int(user_id), target_type, target_id


def _signature(purpose: str, payload: str, length: int = 16) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, f"{purpose}:{payload}".encode(), hashlib.sha256).digest()
    return base64.b32encode(digest).decode().lower()[:length]


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


def _address(setting: str, token: str) -> str:
    local, _, domain = current_app.config[setting].partition("@")
    return f"{local}+{token}@{domain}"


@dataclass(frozen=True)
class ReplyToken:
    user_id: int
    post_id: int
    issued_at: int  # seconds since the epoch
    text: str


def reply_address(user_id: int, post_id: int, now: float | None = None) -> str:
    """reply+<user>-<post>-<time>-<hmac>@domain: one per recipient and post."""
    payload = f"{user_id:x}-{post_id:x}-{_base36(int(now or time.time()))}"
    return _address("MAIL_REPLY_ADDRESS", f"{payload}-{_signature('reply', payload)}")


def read_reply_token(token: str, now: float | None = None) -> ReplyToken:
    """The token's fields; TokenRefused when forged, malformed or expired."""
    parts = token.lower().split("-")
    if len(parts) != 4:
        raise TokenRefused("malformed reply token")
    payload, signature = "-".join(parts[:3]), parts[3]
    if not hmac.compare_digest(signature, _signature("reply", payload)):
        raise TokenRefused("forged reply token")
    try:
        user_id, post_id = int(parts[0], 16), int(parts[1], 16)
        issued_at = int(parts[2], 36)
    except ValueError:
        raise TokenRefused("malformed reply token") from None
    max_age = current_app.config["MAIL_REPLY_MAX_AGE_DAYS"] * 86400
    if (now or time.time()) - issued_at > max_age:
        raise TokenRefused("expired reply token")
    return ReplyToken(user_id, post_id, issued_at, token.lower())


def bounce_address(user_id: int) -> str:
    """The envelope sender (VERP): a bounce names the person it came back for."""
    payload = f"{user_id:x}"
    return _address("MAIL_BOUNCE_ADDRESS", f"{payload}-{_signature('bounce', payload)}")


def read_bounce_token(token: str) -> int:
    payload, _, signature = token.lower().partition("-")
    if not signature or not hmac.compare_digest(
        signature, _signature("bounce", payload)
    ):
        raise TokenRefused("forged bounce token")
    return int(payload, 16)
