"""Password rules beyond length: refuse the ones attackers try first."""

from pathlib import Path

from flask_babel import gettext as _

# Common passwords of ten or more characters (shorter ones fail the length rule),
# drawn from published breach top lists; compared case-insensitively.
COMMON_PASSWORDS = frozenset(
    (Path(__file__).with_name("common_passwords.txt")).read_text().split()
)


def password_problem(password: str, username: str = "", email: str = "") -> str | None:
    """A reason to refuse this password, or None when it is acceptable."""
    lowered = password.lower()
    if len(password) < 10:
        return _("Use at least 10 characters.")
    if len(password) > 200:
        return _("Use at most 200 characters.")
    if lowered in COMMON_PASSWORDS or len(set(lowered)) < 3:
        return _("This password is too common. Choose one that is harder to guess.")
    if lowered in {username.lower(), email.lower(), email.lower().split("@")[0]}:
        return _("Your password must not be your username or e-mail address.")
    return None
