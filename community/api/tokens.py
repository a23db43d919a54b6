"""Personal access tokens: create (shown once), find by Bearer value, revoke.

A token is 32 random bytes, so one SHA-256 is enough to store it: nobody can
guess a token from its hash, and lookup stays one indexed query.
"""

import hashlib
import secrets
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select

from community.api.models import SCOPES, ApiToken
from community.auth.models import User
from community.extensions import db
from community.timezones import utcnow

TOKEN_PREFIX = "chub_"  # noqa: S105 - a label, not a secret
# last_used_at is written at most this often, not on every request.
LAST_USED_PRECISION = timedelta(minutes=1)


class TokenRefused(Exception):
    """The token cannot be created (a staff account without two-factor...)."""


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def can_create_token(user: User) -> bool:
    """Staff tokens act with staff powers, so they need two-factor set up first."""
    return not user.is_suspended and (not user.is_staff or user.has_two_factor)


def create_token(user: User, name: str, scopes: list[str]) -> tuple[ApiToken, str]:
    """A new token and its value, which is never stored and never shown again."""
    if not can_create_token(user):
        raise TokenRefused(
            _("Staff accounts must set up two-factor authentication first.")
        )
    chosen = [scope for scope in SCOPES if scope in scopes]
    if "write" in chosen and "read" not in chosen:
        chosen.insert(0, "read")  # writing needs reading what was written
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        name=name,
        scopes=" ".join(chosen or ["read"]),
        token_hash=hash_token(raw),
        prefix=raw[: len(TOKEN_PREFIX) + 4],
    )
    db.session.add(token)
    db.session.flush()
    return token, raw


def tokens_of(user: User) -> list[ApiToken]:
    query = (
        select(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    )
    return list(db.session.scalars(query))


def find_token(raw: str) -> ApiToken | None:
    """The live token with this value, or None (unknown, revoked, owner unusable)."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = db.session.scalar(
        select(ApiToken).where(ApiToken.token_hash == hash_token(raw))
    )
    if token is None or token.is_revoked or not can_create_token(token.user):
        return None
    return token


def touch(token: ApiToken) -> bool:
    """Record use; True when the row changed (the caller commits)."""
    now = utcnow()
    if token.last_used_at and now - token.last_used_at < LAST_USED_PRECISION:
        return False
    token.last_used_at = now
    return True


def revoke(user: User, token_id: int) -> bool:
    """Revoke one of the person's own tokens; False if there is no such token."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != user.id or token.is_revoked:
        return False
    token.revoked_at = utcnow()
    db.session.flush()
    return True
