"""Usernames nobody may register: they would pass for the site or its staff."""

import re

RESERVED_USERNAMES = frozenset(
    [
        "admin",
        "administrator",
        "api",
        "root",
        "system",
        "sysadmin",
        "moderator",
        "moderators",
        "mod",
        "mods",
        "staff",
        "support",
        "help",
        "helpdesk",
        "security",
        "abuse",
        "postmaster",
        "hostmaster",
        "webmaster",
        "noreply",
        "no-reply",
        "mail",
        "email",
        "info",
        "contact",
        "official",
        "team",
        "owner",
        "operator",
        "community",
        "hub",
        "communityhub",
        "anonymous",
        "deleted",
        "deleted-member",
        "nobody",
        "null",
        "undefined",
        "everyone",
        "here",
        "all",
        "auth",
        "login",
        "logout",
        "register",
        "settings",
        "account",
        "calendar",
        "events",
        "learnings",
        "search",
        "static",
        "www",
    ]
)
SEPARATORS = re.compile(r"[-_.]")
TRAILING_DIGITS = re.compile(r"\d+$")


def reserved_key(username: str) -> str:
    """The username as a reserved-name check sees it: "Ad_min-2" is "admin"."""
    return TRAILING_DIGITS.sub("", SEPARATORS.sub("", username.strip().lower()))


RESERVED_KEYS = frozenset(SEPARATORS.sub("", name) for name in RESERVED_USERNAMES)


def is_reserved_username(username: str) -> bool:
    return reserved_key(username) in RESERVED_KEYS
