"""Trust levels, computed from what a person has done here.

As in Discourse: everyone starts new (0); reading, posting and time promote them
to basic (1), member (2) and regular (3); staff count as leaders (4). A level
reached is kept (stored in users.trust_level), so a quiet month demotes nobody;
posts that moderators hid after flags block promotion. New accounts may post
fewer links and mentions, and their first posts can wait for a moderator.
"""

from dataclasses import dataclass
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from community.auth.models import User
from community.discussions.models import Flag, Post, ThreadRead
from community.extensions import db
from community.timezones import utcnow

NEW, BASIC, MEMBER, REGULAR, LEADER = range(5)
NAMES = {
    NEW: _l("new"),
    BASIC: _l("basic"),
    MEMBER: _l("member"),
    REGULAR: _l("regular"),
    LEADER: _l("leader"),
}
# Flags that moderators upheld (they hid the post, banned or suspended its author).
UPHELD = ("hidden", "banned", "suspended")


@dataclass(frozen=True)
class Requirement:
    level: int
    days: int  # account age
    posts: int  # visible posts written
    reads: int  # threads read
    flagged: int  # at most this many posts hidden after flags


# Lowest first: a person gets the highest level whose every figure they meet.
REQUIREMENTS = (
    Requirement(BASIC, days=1, posts=1, reads=5, flagged=0),
    Requirement(MEMBER, days=15, posts=10, reads=30, flagged=0),
    Requirement(REGULAR, days=60, posts=50, reads=100, flagged=0),
)


@dataclass(frozen=True)
class Activity:
    days: int
    posts: int
    reads: int
    flagged: int


@dataclass(frozen=True)
class PostLimits:
    """The most links, mentions and images one post may have."""

    level: int
    links: int
    mentions: int
    images: int


# Enforced by community/limits.py, the one place posting asks.
LIMITS = {
    NEW: PostLimits(NEW, links=5, mentions=3, images=0),
    BASIC: PostLimits(BASIC, links=10, mentions=10, images=5),
    MEMBER: PostLimits(MEMBER, links=25, mentions=20, images=20),
    REGULAR: PostLimits(REGULAR, links=50, mentions=30, images=50),
    LEADER: PostLimits(LEADER, links=100, mentions=50, images=100),
}


def activity_of(user: User) -> Activity:
    """Account age and counts, in one statement."""
    posts = select(func.count(Post.id)).where(
        Post.author_id == user.id, Post.hidden_at.is_(None), Post.deleted_at.is_(None)
    )
    reads = select(func.count(ThreadRead.id)).where(ThreadRead.user_id == user.id)
    flagged = (
        select(func.count(func.distinct(Flag.post_id)))
        .join(Post, Post.id == Flag.post_id)
        .where(Post.author_id == user.id, Flag.resolution.in_(UPHELD))
    )
    row = db.session.execute(
        select(
            posts.scalar_subquery(), reads.scalar_subquery(), flagged.scalar_subquery()
        )
    ).one()
    age = utcnow() - (user.created_at or utcnow())
    return Activity(
        days=age // timedelta(days=1), posts=row[0], reads=row[1], flagged=row[2]
    )


def earned_level(activity: Activity) -> int:
    """The highest level this activity meets."""
    level = NEW
    for need in REQUIREMENTS:
        meets = (
            activity.days >= need.days
            and activity.posts >= need.posts
            and activity.reads >= need.reads
            and activity.flagged <= need.flagged
        )
        if not meets:
            break
        level = need.level
    return level


def effective_level(user: User) -> int:
    """The level rules use: staff are leaders, others keep the level reached."""
    if not getattr(user, "is_authenticated", False):
        return NEW
    if user.is_site_moderator:
        return LEADER
    return user.trust_level or NEW


def promote(user: User) -> int:
    """Raise the stored level to what the person's activity has earned."""
    if user.is_site_moderator:
        return LEADER
    earned = earned_level(activity_of(user))
    if earned > (user.trust_level or NEW):
        user.trust_level = earned
    return effective_level(user)


def level_name(level: int) -> str:
    return str(NAMES.get(level, NAMES[NEW]))


def limits_for(user: User) -> PostLimits:
    """The caps on one post's links, mentions and images at the person's level."""
    return LIMITS[effective_level(user)]
