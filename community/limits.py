"""How far one post may reach: mentions, links and images per post.

The one home of these caps. The numbers come from the author's trust level
(community/trust/levels.LIMITS): new accounts may mention, link and embed less
than established ones, and "new" means trust level 0 everywhere.
"""

import re

from flask_babel import ngettext

from community.trust.levels import NEW, effective_level, limits_for

IMAGE = re.compile(r"!\[")


class ReachRefused(ValueError):
    """The post mentions or links more than the author may; str() says so."""


def is_new_account(user) -> bool:
    """Accounts at trust level 0 (visitors are not accounts: never new)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return effective_level(user) == NEW


def mention_limit(user) -> int:
    """How many people one post by this person may mention."""
    return limits_for(user).mentions


def link_limit(user) -> int:
    """How many links one post by this person may hold."""
    return limits_for(user).links


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
            ngettext(
                "A post may hold at most %(num)d link; this one has %(count)d. "
                "Your text is kept: remove some links and send again.",
                "A post may hold at most %(num)d links; this one has %(count)d. "
                "Your text is kept: remove some links and send again.",
                limit,
                count=count,
            )
        )


def check_images(user, source: str) -> None:
    """ReachRefused when the Markdown embeds more images than the person may."""
    limit = limits_for(user).images
    count = len(IMAGE.findall(source))
    if count > limit:
        raise ReachRefused(
            ngettext(
                "A post may hold at most %(num)d image; this one has %(count)d. "
                "Your text is kept: remove some images and send again.",
                "A post may hold at most %(num)d images; this one has %(count)d. "
                "Your text is kept: remove some images and send again.",
                limit,
                count=count,
            )
        )
