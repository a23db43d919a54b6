"""Flask-Login wiring: loading the signed-in person, and ending sessions.

Sessions are signed cookies, so the server cannot delete a copy someone kept.
Instead each account has a session generation, stamped into the session and
the remember cookie through ``User.get_id``; every request compares it with the
database, and raising it ends every cookie issued before.
"""

from flask import Flask, session
from flask_babel import gettext as _
from flask_login import logout_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from community.auth.models import User
from community.extensions import db


def end_all_sessions(user: User) -> None:
    """End every session and remember cookie of this account (on every device)."""
    user.session_generation = (user.session_generation or 0) + 1


def end_this_session() -> None:
    """Log out of this browser, deleting the remember cookie too.

    Clear first: session.clear() after logout_user() would wipe Flask-Login's
    mark that deletes the remember cookie, and the next request would log the
    person straight back in.
    """
    session.clear()
    logout_user()


def init_login(app: Flask, login_manager) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _("Please log in to continue.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(user_id: str):
        number, _, _rest = user_id.partition(":")
        if not number.isdigit():
            return None
        user = load_account(int(number))
        # A suspension ends every open session, not only new log-ins; get_id()
        # names the password and the session generation, so an old cookie fails.
        if user is None or user.is_suspended or user.get_id() != user_id:
            return None
        return user


def load_account(user_id: int) -> User | None:
    """The account, with what nearly every page then asks about it (its
    memberships, its unread notifications), in one query instead of three."""
    from community.communities.models import Membership
    from community.communities.permissions import remember_memberships
    from community.notifications.sending import remember_unread, unread_count_of

    query = (
        select(User, Membership, unread_count_of(User.id))
        .outerjoin(Membership, Membership.user_id == User.id)
        .where(User.id == user_id)
        # A badge holder's organisation too (otherwise one more query a page).
        .options(joinedload(User.verified_organisation))
    )
    rows = db.session.execute(query).all()
    if not rows:
        return None
    user = rows[0][0]
    remember_memberships(user, [row[1] for row in rows if row[1] is not None])
    remember_unread(user, rows[0][2])
    return user
