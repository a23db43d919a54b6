"""Signed, expiring links for e-mail confirmation and password reset."""

import hashlib

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from community.auth.models import User
from community.extensions import db


class TokenError(ValueError):
    """A link that is forged, expired or already used; str() says which."""


def serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=purpose)


def fingerprint(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:16]


def make_reset_token(user: User) -> str:
    """A reset link token that stops working once the password or e-mail changes."""
    return serializer("reset").dumps(
        {
            "id": user.id,
            "pw": fingerprint(user.password_hash),
            "em": fingerprint(user.email),
        }
    )


def read_reset_token(token: str) -> User:
    data = load(token, "reset", current_app.config["RESET_TOKEN_MAX_AGE"])
    user = db.session.get(User, data.get("id", 0))
    if user is None or data.get("pw") != fingerprint(user.password_hash):
        raise TokenError(_("This reset link has already been used. Ask for a new one."))
    # A link mailed to an address the account no longer uses must not work.
    if data.get("em") != fingerprint(user.email):
        raise TokenError(
            _("This reset link went to an earlier e-mail address. Ask for a new one.")
        )
    return user


def make_confirm_token(user: User, email: str) -> str:
    return serializer("confirm").dumps({"id": user.id, "email": email})


def read_confirm_token(token: str) -> tuple[User, str]:
    data = load(token, "confirm", current_app.config["CONFIRM_TOKEN_MAX_AGE"])
    user = db.session.get(User, data.get("id", 0))
    email = data.get("email", "")
    if user is None or email not in (user.email, user.pending_email):
        raise TokenError(_("This confirmation link is no longer valid."))
    return user, email


def load(token: str, purpose: str, max_age: int) -> dict:
    try:
        data = serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise TokenError(_("This link has expired. Ask for a new one.")) from error
    except BadSignature as error:
        raise TokenError(
            _("This link is not valid. Check that you copied all of it.")
        ) from error
    if not isinstance(data, dict):
        raise TokenError(_("This link is not valid."))
    return data
