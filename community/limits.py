"""How far one post may reach: mentions and links per post, lower for new accounts.

The numbers are settings (MENTION_LIMIT, LINK_LIMIT and their NEW_ACCOUNT_
forms). Whether an account counts as new is decided here, in one place, so a
trust-level scheme can later replace `is_new_account` without touching posting.
"""

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext

from community.timezones import utcnow

NEW_ACCOUNT_AGE = timedelta(days=1)


class ReachRefused(ValueError):
    """The post mentions or links more than the author may; str() says so."""


def is_new_account(user) -> bool:
    """Accounts younger than a day (visitors are not accounts: never new)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.created_at > utcnow() - NEW_ACCOUNT_AGE


def mention_limit(user) -> int:
    """How many people one post by this person may mention."""
    config = current_app.config
    return config[
        "NEW_ACCOUNT_MENTION_LIMIT" if is_new_account(user) else "MENTION_LIMIT"
    ]


def link_limit(user) -> int:
    """How many links one post by this person may hold."""
    config = current_app.config
    return config["NEW_ACCOUNT_LINK_LIMIT" if is_new_account(user) else "LINK_LIMIT"]


def check_mentions(user, count: int) -> None:
    """ReachRefused when `count` distinct @names are more than the person's limit."""
    limit = mention_limit(user)
    if count > limit:
        raise ReachRefused(
            ngettext(
                "A post may mention at most %(num)d person; this one names "
                "%(count)d. Your text is kept: remove some @names and send again.",
                "A post may mention at most %(num)d people; this one names "
                "%(count)d. Your text is kept: remove some @names and send again.",
                limit,
                count=count,
            )
        )


def check_links(user, count: int) -> None:
    """ReachRefused when the post holds more links than the person's limit."""
    limit = link_limit(user)
    if count > limit:
        raise ReachRefused(
            _(
                "A post may hold at most %(limit)d links; this one has %(count)d. "
                "Your text is kept: remove some links and send again.",
                limit=limit,
                count=count,
            )
        )
