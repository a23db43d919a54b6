"""Who watches or mutes what: the one home of Subscription rows.

A subscription is a watch (muted=False) or a mute (muted=True) of a community
or a thread. Features call these functions; none queries Subscription itself.
Whoever notifies watchers must still check who may read: a watch is removed when
someone leaves a members-only community or is banned, but reading is the guard.
"""

from sqlalchemy import Select, and_, delete, or_, select, update

from community.auth.models import User
from community.communities.models import Community, Membership
from community.extensions import db
from community.notifications.models import Subscription

COMMUNITY = "community"
THREAD = "thread"
TAG = "tag"  # a community's tag: new threads carrying it
CHOICES = ("watch", "mute", "stop")


def find(user, target_type: str, target_id: int) -> Subscription | None:
    """The person's watch or mute of a thread or community (None for visitors)."""
    if not getattr(user, "is_authenticated", False):
        return None
    query = select(Subscription).where(
        Subscription.user_id == user.id,
        Subscription.target_type == target_type,
        Subscription.target_id == target_id,
    )
    return db.session.scalar(query)


def is_watching(user, community: Community) -> bool:
    """True when the person hears of the community's news (a watch, not a mute)."""
    found = find(user, COMMUNITY, community.id)
    return found is not None and not found.muted


def set_watch(user: User, target_type: str, target_id: int, muted: bool) -> None:
    """Watch (muted=False) or mute (muted=True); doing it twice changes nothing."""
    found = find(user, target_type, target_id)
    if found is None:
        # Two clicks at once: the unique constraint refuses the second row and
        # the view answers as if it had worked (it has).
        found = Subscription(
            user_id=user.id, target_type=target_type, target_id=target_id
        )
        db.session.add(found)
    found.muted = muted
    db.session.flush()


def stop_watching(user: User, target_type: str, target_id: int) -> None:
    """Back to the default: no watch, no mute."""
    db.session.execute(
        delete(Subscription)
        .where(
            Subscription.user_id == user.id,
            Subscription.target_type == target_type,
            Subscription.target_id == target_id,
        )
        .execution_options(synchronize_session="fetch")
    )


def choose(user: User, target_type: str, target_id: int, choice: str) -> None:
    """Apply the watch control's button: watch, mute, or back to the default."""
    if choice == "stop":
        stop_watching(user, target_type, target_id)
    else:
        set_watch(user, target_type, target_id, muted=choice == "mute")


def auto_watch(user: User, target_type: str, target_id: int) -> None:
    """Authors and repliers watch, unless they already chose (watch or mute)."""
    if find(user, target_type, target_id) is None:
        set_watch(user, target_type, target_id, muted=False)


def subscribers(target_type: str, target_id: int, muted: bool = False) -> list[User]:
    """Everyone watching (or, with muted=True, muting) the target."""
    query = (
        select(User)
        .join(Subscription, Subscription.user_id == User.id)
        .where(
            Subscription.target_type == target_type,
            Subscription.target_id == target_id,
            Subscription.muted.is_(muted),
        )
    )
    return list(db.session.scalars(query))


def watched_thread_ids(user: User) -> Select:
    """A subquery of the threads the person watches (not mutes)."""
    return select(Subscription.target_id).where(
        Subscription.user_id == user.id,
        Subscription.target_type == THREAD,
        Subscription.muted.is_(False),
    )


def community_watchers(community: Community) -> list[User]:
    """People watching the community who may read it (not suspended; members
    when it is members-only), in one query."""
    query = (
        select(User)
        .join(Subscription, Subscription.user_id == User.id)
        .where(
            Subscription.target_type == COMMUNITY,
            Subscription.target_id == community.id,
            Subscription.muted.is_(False),
            User.suspended_at.is_(None),
        )
    )
    if not community.is_public:
        query = query.join(
            Membership,
            and_(
                Membership.user_id == User.id,
                Membership.community_id == community.id,
                Membership.status == "active",
            ),
        )
    return list(db.session.scalars(query))


def drop_outside_watchers(community: Community) -> None:
    """The community went members-only: people outside stop getting its news."""
    members = select(Membership.user_id).where(
        Membership.community_id == community.id, Membership.status == "active"
    )
    db.session.execute(
        delete(Subscription)
        .where(
            Subscription.target_type == COMMUNITY,
            Subscription.target_id == community.id,
            Subscription.user_id.not_in(members),
        )
        .execution_options(synchronize_session=False)
    )


def drop_thread_outsiders(thread_id: int, readers: Select) -> None:
    """The thread moved where only `readers` (a subquery of user ids) may read:
    everyone else stops watching or muting it."""
    stop_everyone(THREAD, thread_id, Subscription.user_id.not_in(readers))


def move_thread_watches(old_thread_id: int, thread_id: int) -> None:
    """A merged thread's watchers and muters keep their choice on the thread it
    joined (a choice they already made there wins)."""
    chosen = select(Subscription.user_id).where(
        Subscription.target_type == THREAD, Subscription.target_id == thread_id
    )
    db.session.execute(
        update(Subscription)
        .where(
            Subscription.target_type == THREAD,
            Subscription.target_id == old_thread_id,
            Subscription.user_id.not_in(chosen),
        )
        .values(target_id=thread_id)
        .execution_options(synchronize_session=False)
    )
    stop_everyone(THREAD, old_thread_id)


def stop_everyone(target_type: str, target_id: int, *among) -> None:
    """The target is gone (a merged thread, a tag made a synonym): nobody (or
    nobody matching the `among` conditions) watches or mutes it any more."""
    db.session.execute(
        delete(Subscription)
        .where(
            Subscription.target_type == target_type,
            Subscription.target_id == target_id,
            *among,
        )
        .execution_options(synchronize_session=False)
    )


def watches_of(user: User) -> list[dict]:
    """Everything the person watches or mutes, for their data export."""
    rows = db.session.scalars(
        select(Subscription)
        .where(Subscription.user_id == user.id)
        .order_by(Subscription.id)
    )
    return [
        {
            "target_type": row.target_type,
            "target_id": row.target_id,
            "muted": row.muted,
            "created_at": row.created_at.isoformat(),
        }
        for row in rows
    ]


def new_thread_watches(
    user_ids: set[int], community_id: int, tag_ids: list[int]
) -> dict[int, tuple[str, int]]:
    """{person: (type, id)} of the watch that brought them a new thread: the
    community when they watch it, else one of its watched tags (one query)."""
    watches = select(
        Subscription.user_id, Subscription.target_type, Subscription.target_id
    ).where(
        Subscription.user_id.in_(user_ids),
        Subscription.muted.is_(False),
        or_(
            and_(
                Subscription.target_type == COMMUNITY,
                Subscription.target_id == community_id,
            ),
            and_(Subscription.target_type == TAG, Subscription.target_id.in_(tag_ids)),
        ),
    )
    found: dict[int, tuple[str, int]] = {}
    for user_id, target_type, target_id in db.session.execute(watches):
        if target_type == COMMUNITY or user_id not in found:
            found[user_id] = (target_type, target_id)
    return found
