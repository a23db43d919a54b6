"""Small factories with good defaults and unique names. They commit."""

import itertools

from werkzeug.security import generate_password_hash

from community.auth.models import User
from community.communities.models import Community, Membership
from community.extensions import db
from community.timezones import utcnow

PASSWORD = "correct horse battery"  # noqa: S105
_counter = itertools.count(1)
_password_hash: str | None = None


def unique(prefix: str) -> str:
    return f"{prefix}{next(_counter)}"


def password_hash() -> str:
    # scrypt is slow on purpose: hash the shared test password once.
    global _password_hash
    if _password_hash is None:
        _password_hash = generate_password_hash(PASSWORD, method="scrypt")
    return _password_hash


def make_user(**overrides) -> User:
    username = overrides.pop("username", None) or unique("user")
    values = {
        "email": f"{username.lower()}@example.org",
        "username": username,
        "username_key": username.lower(),
        "display_name": username.title(),
        "password_hash": password_hash(),
        "email_confirmed_at": utcnow(),
        "email_frequency": "never",
    }
    values.update(overrides)
    user = User(**values)
    db.session.add(user)
    db.session.commit()
    return user


def make_community(**overrides) -> Community:
    slug = overrides.pop("slug", None) or unique("community-")
    values = {
        "slug": slug,
        "name": slug.replace("-", " ").title(),
        "purpose": "A test community",
    }
    values.update(overrides)
    community = Community(**values)
    db.session.add(community)
    db.session.commit()
    return community


def make_membership(user: User, community: Community, **overrides) -> Membership:
    values = {"role": "member", "status": "active"}
    values.update(overrides)
    membership = Membership(user_id=user.id, community_id=community.id, **values)
    db.session.add(membership)
    if values["status"] == "active":
        community.member_count += 1
    db.session.commit()
    return membership


def make_event(community=None, organiser=None, **overrides):
    """A scheduled event through the real service (tomorrow 10:00 UTC by default)."""
    from datetime import timedelta

    from community.events.scheduling import EventData, create_event

    start = (utcnow() + timedelta(days=1)).replace(
        hour=10, minute=0, second=0, microsecond=0, tzinfo=None
    )
    values = {
        "title": unique("Event "),
        "timezone": "UTC",
        "start_local": start,
        "end_local": start + timedelta(hours=1),
        "event_type": "forum",
    }
    values.update(overrides)
    event, _notices = create_event(organiser, community, EventData(**values))
    db.session.commit()
    return event
