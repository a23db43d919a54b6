"""Extra care for staff accounts: idle sessions end, and two-factor can be required."""

import time

from flask import Flask, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from community.auth.session import end_this_session

# Pages a staff member must still reach while being asked to set up two-factor.
OPEN_ENDPOINTS = {
    "auth.setup_two_factor",
    "auth.logout",
    "auth.confirm_logout",
    "static",
    "main.healthz",
    "readiness.readyz",
}


# How often the idle clock is written back. Every write re-sends the session
# cookie, and a response to a request that started earlier (a stylesheet, the
# favicon) would then overwrite newer session data such as a form's CSRF token.
ACTIVITY_WRITE_SECONDS = 60


def guard_staff_session():
    if request.endpoint == "static":
        return None
    if not current_user.is_authenticated or not current_user.is_staff:
        return None
    if request.path.startswith("/api/"):
        # No session there: a staff token exists only with two-factor set up
        # (api/tokens.py), and cookies never reach the API.
        return None
    idle_limit = current_app.config["STAFF_IDLE_MINUTES"] * 60
    now = int(time.time())
    last = session.get("last_active", now)
    if now - last > idle_limit:
        end_this_session()
        flash(_("You were logged out after a period of inactivity."), "info")
        return redirect(url_for("auth.login", next=request.full_path))
    if now - last >= ACTIVITY_WRITE_SECONDS or "last_active" not in session:
        session["last_active"] = now
    required = current_app.config["STAFF_TWO_FACTOR_REQUIRED"]
    if (
        required
        and not current_user.has_two_factor
        and request.endpoint not in OPEN_ENDPOINTS
    ):
        flash(
            _("Staff accounts must use two-factor authentication. Set it up to go on."),
            "warning",
        )
        return redirect(url_for("auth.setup_two_factor"))
    return None


def init_staff_guard(app: Flask) -> None:
    app.before_request(guard_staff_session)
