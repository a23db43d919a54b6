"""Account services: registration, log-in, confirmation and reset."""

from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from community.auth.models import User
from community.auth.session import end_all_sessions
from community.auth.tokens import make_confirm_token, make_reset_token
from community.extensions import db
from community.i18n import written_for
from community.mail import send_mail
from community.text import render_markdown
from community.timezones import utcnow


class AccountError(ValueError):
    """A rule the form could not check; str() is the message for the person."""


def register(
    email: str,
    username: str,
    display_name: str,
    password: str,
    organisation: str = "",
    kind: str = "other",
    password_hash: str | None = None,
) -> User:
    """Create an unconfirmed account (password_hash: one already hashed)."""
    user = User(
        email=email.lower(),
        username=username,
        username_key=username.lower(),
        display_name=display_name,
        organisation=organisation,
        kind=kind,
    )
    if password_hash:
        user.password_hash = password_hash
    else:
        user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def find_by_login(login: str) -> User | None:
    """The account with this e-mail address or username, if any."""
    login = login.strip().lower()
    query = select(User).where(
        or_(func.lower(User.email) == login, User.username_key == login)
    )
    return db.session.scalar(query)


def find_by_email(email: str) -> User | None:
    """The account with this e-mail address (any case), if any."""
    return db.session.scalar(
        select(User).where(func.lower(User.email) == email.strip().lower())
    )


def authenticate(login: str, password: str) -> User | None:
    """The account when the password matches, else None (same answer either way)."""
    user = find_by_login(login)
    if user is None:
        # Spend the same time as a real check, so timing does not reveal accounts.
        User(password_hash="").set_password(password)
        return None
    return user if user.check_password(password) else None


def external_url(endpoint: str, **values) -> str:
    path = url_for(endpoint, **values)
    return current_app.config["SITE_URL"] + path


def send_confirmation(user: User, email: str | None = None) -> bool:
    email = email or user.email
    link = external_url("auth.confirm_email", token=make_confirm_token(user, email))
    with written_for(user):
        body = _(
            "Hello %(display_name)s,\n\nPlease confirm your e-mail address "
            "for %(config)s by opening this link:\n\n%(link)s\n\nIf you did "
            "not ask for this, you can ignore this mail.\n",
            display_name=user.display_name,
            config=current_app.config["SITE_NAME"],
            link=link,
        )
        return send_mail(email, _("Confirm your e-mail address"), body)


def confirm_email(user: User, email: str) -> None:
    """Mark the address confirmed; a pending new address becomes the account's."""
    if email == user.pending_email:
        if find_by_login(email) not in (None, user):
            raise AccountError(_("Another account took this address meanwhile."))
        user.email = email
        user.pending_email = None
    user.email_confirmed_at = user.email_confirmed_at or utcnow()
    user.email_bounced_at = None  # confirmed again: mail to it may resume


def send_reset(email: str) -> None:
    """Mail a reset link if the address has an account; silent otherwise."""
    user = find_by_email(email)
    if user is None:
        return
    link = external_url("auth.reset_password", token=make_reset_token(user))
    with written_for(user):
        body = _(
            "Hello %(display_name)s,\n\nSomeone asked to reset your "
            "password. This link works once, for one hour:\n\n%(link)s\n\nIf "
            "it was not you, ignore this mail: your password stays the "
            "same.\n",
            display_name=user.display_name,
            link=link,
        )
        send_mail(user.email, _("Reset your password"), body)


def update_profile(user: User, data: dict) -> None:
    """Apply the profile form's fields; the bio is rendered once, here."""
    for name in (
        "display_name",
        "organisation",
        "country",
        "kind",
        "timezone",
        "email_frequency",
        "language",
        "spoken_languages",
        "expertise",
    ):
        setattr(user, name, data[name])
    user.bio_source = data.get("bio") or ""
    user.bio_html = str(render_markdown(user.bio_source)) if user.bio_source else ""


def request_email_change(user: User, email: str) -> None:
    """Mail a confirmation link to the new address, or tell its owner if it has one."""
    email = email.strip().lower()
    owner = find_by_email(email)
    if owner is not None and owner.id != user.id:
        send_account_exists(owner)
        return
    user.pending_email = email
    send_confirmation(user, user.pending_email)


def suspend(user: User, reason: str) -> None:
    user.suspended_at = utcnow()
    user.suspended_reason = reason[:500]
    end_all_sessions(user)


def lift_suspension(user: User) -> None:
    """The account may log in and post again (its old sessions stay ended)."""
    user.suspended_at = None
    user.suspended_reason = ""


def create_admin(email: str, username: str, password: str) -> User:
    user = register(email, username, username, password)
    user.site_role = "admin"
    user.email_confirmed_at = utcnow()
    return user


def send_account_exists(owner: User) -> None:
    with written_for(owner):
        body = _(
            "Hello %(name)s,\n\nSomeone tried to create a new account on %(site)s "
            "with this e-mail address, which already has one (username: %(username)s)."
            "\n\nIf it was you, log in: %(login)s\nForgot your password? Reset it: "
            "%(reset)s\n\nIf it was not you, you can ignore this mail.\n",
            name=owner.display_name,
            site=current_app.config["SITE_NAME"],
            username=owner.username,
            login=external_url("auth.login"),
            reset=external_url("auth.request_reset"),
        )
        send_mail(owner.email, _("You already have an account"), body)
