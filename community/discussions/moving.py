"""Moving a thread to another community, with everything that follows it.

Thread addresses hold only the id (/t/<id>/<slug>), so a moved thread keeps its
URL; what changes is who may read it. Moving into a members-only community
takes it out of non-members' search, feeds, home, tag pages, notifications and
watches in the same transaction (the page cache version is bumped by the write
itself: community/pagecache/versions.py).
"""

from sqlalchemy import Select, select, union, update

from community import audit
from community.auth.models import User
from community.communities.models import Community, Membership
from community.discussions.indexing import refresh_thread
from community.discussions.models import Flag, Post, Thread
from community.discussions.permissions import can_move_thread
from community.discussions.posting import set_tags
from community.extensions import db
from community.notifications.sending import forget_thread_for_outsiders
from community.notifications.subscriptions import drop_thread_outsiders
from community.trust.models import PostHold


def readers_of(community: Community) -> Select:
    """The user ids that may read a members-only community: members and admins."""
    members = select(Membership.user_id).where(
        Membership.community_id == community.id, Membership.status == "active"
    )
    admins = select(User.id).where(User.site_role == "admin")
    return union(members, admins)


def follow_community(thread_id: int, community_id: int) -> None:
    """Open flags and held posts of the thread go to the new moderators' queues."""
    posts = select(Post.id).where(Post.thread_id == thread_id)
    for model in (Flag, PostHold):
        db.session.execute(
            update(model)
            .where(model.post_id.in_(posts))
            .values(community_id=community_id)
            .execution_options(synchronize_session=False)
        )


def follow_visibility(thread: Thread) -> None:
    """After posts or the thread changed community: queues follow, and outside a
    public community nobody but its readers keeps watches or notifications."""
    follow_community(thread.id, thread.community_id)
    if not thread.community.is_public:
        readers = readers_of(thread.community)
        drop_thread_outsiders(thread.id, readers)
        forget_thread_for_outsiders(thread.id, readers)


def move_targets(actor: User, thread: Thread) -> list[Community]:
    """The communities this person may move the thread into, by name."""
    query = select(Community).where(
        Community.id != thread.community_id, Community.archived_at.is_(None)
    )
    communities = db.session.scalars(query.order_by(Community.name))
    return [c for c in communities if can_move_thread(actor, thread, c)]


def move_thread(thread: Thread, target: Community, actor: User, ip: str = "") -> None:
    """Put the thread in `target`; its tags become the same names there."""
    source = thread.community
    names = [tag.name for tag in thread.tags]
    thread.community = target
    db.session.flush()
    set_tags(thread, names)
    follow_visibility(thread)
    refresh_thread(thread)
    detail = f"{source.slug} -> {target.slug}"
    audit.record(actor, "thread.move", thread, detail=detail, ip=ip)
    db.session.flush()
