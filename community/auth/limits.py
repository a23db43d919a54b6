"""Rate-limit keys for log-in, reset, registration and the two-factor step.

Per-account limits key on the account the value resolves to, so respelling it
(spaces, tabs, case, e-mail instead of username) stays in one bucket; a value
naming no account keys on its normalised spelling.
"""

from flask import current_app, request, session

from community.auth.accounts import find_by_login


def login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def normalised_login(value: str) -> str:
    """The value as the form sees it after stripping, in one case."""
    return value.strip().lower()[:254]


def account_key_for(value: str) -> str:
    login = normalised_login(value)
    user = find_by_login(login) if login else None
    return f"account:{user.id}" if user is not None else f"account:{login}"


def login_key() -> str:
    """The per-account key of a log-in, reset or registration form."""
    value = request.form.get("login") or request.form.get("email") or ""
    return account_key_for(value)


def two_factor_key() -> str:
    """The pending log-in's account: each half-finished log-in has its own bucket."""
    pending = session.get("pending_2fa") or {}
    user_id = pending.get("id") if isinstance(pending, dict) else None
    if isinstance(user_id, int):
        return f"two-factor:{user_id}"
    return f"two-factor:address:{request.remote_addr or ''}"
