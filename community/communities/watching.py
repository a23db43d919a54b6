"""Watching a community: discussions and learnings notify its watchers.

A watch is a Subscription(target_type="community"). Whoever sends those
notifications must still check can_see_content: a watch is removed when someone
leaves a members-only community or is banned, but the check is the real guard.
"""

from sqlalchemy import delete, select

from community.auth.models import User
from community.communities.models import Community
from community.extensions import db
from community.notifications.models import Subscription

TARGET = "community"


def find_watch(person: User, community: Community) -> Subscription | None:
    return db.session.scalar(
        select(Subscription).where(
            Subscription.user_id == person.id,
            Subscription.target_type == TARGET,
            Subscription.target_id == community.id,
        )
    )


def is_watching(person, community: Community) -> bool:
    """True when the person gets notified of the community's news (not muted)."""
    if not getattr(person, "is_authenticated", False):
        return False
    found = find_watch(person, community)
    return found is not None and not found.muted


def watch(person: User, community: Community) -> Subscription:
    """Watch (or un-mute) a community; watching twice changes nothing."""
    found = find_watch(person, community)
    if found is None:
        # Two clicks at once: the unique constraint refuses the second row and
        # the view answers as if it had worked (it has).
        found = Subscription(
            user_id=person.id, target_type=TARGET, target_id=community.id
        )
        db.session.add(found)
    found.muted = False
    db.session.flush()
    return found


def stop_watching(person: User, community: Community) -> None:
    """Remove the watch, if any."""
    db.session.execute(
        delete(Subscription)
        .where(
            Subscription.user_id == person.id,
            Subscription.target_type == TARGET,
            Subscription.target_id == community.id,
        )
        .execution_options(synchronize_session="fetch")
    )
