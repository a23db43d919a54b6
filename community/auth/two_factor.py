"""Two-factor authentication with TOTP (authenticator apps) and recovery codes."""

import hashlib
import secrets
from datetime import datetime

import pyotp
from flask import current_app
from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column

from community.auth.models import User
from community.extensions import db
from community.timezones import UTCDateTime, utcnow

RECOVERY_CODE_COUNT = 10


class RecoveryCode(db.Model):
    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    """The otpauth:// address an authenticator app reads."""
    return pyotp.TOTP(secret).provisioning_uri(
        name=user.email, issuer_name=current_app.config["SITE_NAME"]
    )


def code_is_valid(
    secret: str, code: str, last_counter: int | None = None
) -> int | None:
    """The code's time step if it is right now (±30 s) and not reused, else None."""
    code = "".join(code.split())
    if not code.isdigit() or len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    now = utcnow()
    for offset in (0, -1, 1):
        counter = totp.timecode(now) + offset
        if secrets.compare_digest(totp.generate_otp(counter), code):
            # A code seen once cannot be replayed within its window.
            return (
                None
                if last_counter is not None and counter <= last_counter
                else counter
            )
    return None


def enable(user: User, secret: str, code: str) -> list[str] | None:
    """Turn two-factor on if the code proves the app works; returns recovery codes."""
    counter = code_is_valid(secret, code)
    if counter is None:
        return None
    user.totp_secret = secret
    user.totp_last_counter = counter
    user.two_factor_enabled_at = utcnow()
    return replace_recovery_codes(user)


def disable(user: User) -> None:
    user.totp_secret = None
    user.totp_last_counter = None
    user.two_factor_enabled_at = None
    for code in db.session.scalars(
        select(RecoveryCode).where(RecoveryCode.user_id == user.id)
    ):
        db.session.delete(code)


def hash_code(code: str) -> str:
    return hashlib.sha256("".join(code.lower().split()).encode()).hexdigest()


def replace_recovery_codes(user: User) -> list[str]:
    """New one-time recovery codes (shown once; only hashes are kept)."""
    for old in db.session.scalars(
        select(RecoveryCode).where(RecoveryCode.user_id == user.id)
    ):
        db.session.delete(old)
    codes = [
        f"{secrets.token_hex(3)}-{secrets.token_hex(3)}"
        for _ in range(RECOVERY_CODE_COUNT)
    ]
    for code in codes:
        db.session.add(RecoveryCode(user_id=user.id, code_hash=hash_code(code)))
    return codes


def verify(user: User, code: str) -> bool:
    """Check a login code or an unused recovery code (which is then spent)."""
    counter = code_is_valid(user.totp_secret or "", code, user.totp_last_counter)
    if counter is not None:
        user.totp_last_counter = counter
        return True
    found = db.session.scalar(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == hash_code(code),
            RecoveryCode.used_at.is_(None),
        )
    )
    if found is None:
        return False
    found.used_at = utcnow()
    return True
