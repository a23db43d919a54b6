"""A log-in half done: the password was right, the second factor is still due.

Kept apart from the views so the log-in view and the two-factor views can both
use it without importing each other.
"""

import time

from flask import redirect, session, url_for

from community.auth.models import User
from community.extensions import db

PENDING_SECONDS = 300


def begin_second_factor(user: User, remember: bool, next_url: str):
    """After the password: remember who is half-logged-in, and ask for the code."""
    session.clear()
    session["pending_2fa"] = {
        "id": user.id,
        "remember": bool(remember),
        "next": next_url,
        "at": int(time.time()),
    }
    return redirect(url_for("auth.second_factor"))


def pending_user() -> tuple[User | None, dict]:
    pending = session.get("pending_2fa") or {}
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None, {}
    return db.session.get(User, pending.get("id", 0)), pending
