"""Registration that does not tell whether an e-mail address has an account.

The form's answer is the same either way: "we sent a link to that address".
A new address gets a link that creates the account when opened (so nothing,
not even the username, appears before the mailbox is proven); an address that
already has an account gets a note telling its owner, who can log in or reset.
"""

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import String, delete, func, select
from sqlalchemy.orm import Mapped, mapped_column

from community.auth import accounts
from community.auth.models import User
from community.auth.tokens import TokenError, load, serializer
from community.extensions import db
from community.mail import send_mail
from community.timezones import UTCDateTime, utcnow


class PendingRegistration(db.Model):
    __tablename__ = "pending_registrations"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)  # lowercased
    username: Mapped[str] = mapped_column(String(30))
    display_name: Mapped[str] = mapped_column(String(80))
    organisation: Mapped[str] = mapped_column(String(120), default="")
    kind: Mapped[str] = mapped_column(String(20), default="other")
    language: Mapped[str] = mapped_column(String(8), default="", server_default="")
    timezone: Mapped[str] = mapped_column(
        String(64), default="UTC", server_default="UTC"
    )
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


def start_registration(
    email: str,
    username: str,
    display_name: str,
    password: str,
    organisation: str = "",
    kind: str = "other",
    language: str = "",
    timezone: str = "UTC",
) -> None:
    """Mail a link that finishes the account, or tell the address's owner."""
    email = email.strip().lower()
    pending = PendingRegistration(
        email=email,
        username=username,
        display_name=display_name,
        organisation=organisation,
        kind=kind,
        language=language,
        timezone=timezone,
    )
    # Hash either way, so the answer takes as long whether or not the address is known.
    holder = User()
    holder.set_password(password)
    pending.password_hash = holder.password_hash
    forget_stale_registrations()
    owner = accounts.find_by_email(email)
    if owner is not None:
        accounts.send_account_exists(owner)
        return
    db.session.add(pending)
    db.session.flush()
    send_finish_link(pending)


def forget_stale_registrations() -> None:
    age = timedelta(seconds=current_app.config["CONFIRM_TOKEN_MAX_AGE"])
    db.session.execute(
        delete(PendingRegistration).where(
            PendingRegistration.created_at < utcnow() - age
        )
    )


def send_finish_link(pending: PendingRegistration) -> None:
    token = serializer("register").dumps({"pending": pending.id})
    link = accounts.external_url("auth.finish_registration", token=token)
    body = _(
        "Hello %(name)s,\n\nOpen this link to finish creating your account on "
        "%(site)s and confirm your e-mail address:\n\n%(link)s\n\n"
        "If you did not ask for this, ignore this mail: no account is made.\n",
        name=pending.display_name,
        site=current_app.config["SITE_NAME"],
        link=link,
    )
    send_mail(pending.email, _("Finish creating your account"), body)


def finish_registration(token: str) -> User:
    """Create the confirmed account a finish link names (TokenError if it cannot)."""
    data = load(token, "register", current_app.config["CONFIRM_TOKEN_MAX_AGE"])
    pending = db.session.get(PendingRegistration, data.get("pending", 0))
    if pending is None:
        raise TokenError(_("This link has already been used. Log in instead."))
    if accounts.find_by_email(pending.email) is not None:
        db.session.delete(pending)
        raise TokenError(_("This address already has an account. Log in instead."))
    if username_is_taken(pending.username):
        db.session.delete(pending)
        raise TokenError(
            _("Someone took the username meanwhile. Register again with another one.")
        )
    user = accounts.register(
        pending.email,
        pending.username,
        pending.display_name,
        "",
        pending.organisation,
        pending.kind,
        password_hash=pending.password_hash,
    )
    user.language, user.timezone = pending.language, pending.timezone
    user.email_confirmed_at = utcnow()  # the link reached them
    db.session.delete(pending)
    return user


def username_is_taken(username: str) -> bool:
    query = select(User.id).where(User.username_key == func.lower(username))
    return db.session.scalar(query) is not None
