"""Who watches what, and who hears about new posts (never those who cannot read)."""

from sqlalchemy import select

from community.auth.models import User
from community.communities.models import Community, Membership
from community.discussions.models import Post, Thread
from community.extensions import db
from community.notifications.models import Subscription
from community.notifications.sending import notify


def subscription(user: User, target_type: str, target_id: int) -> Subscription | None:
    query = select(Subscription).where(
        Subscription.user_id == user.id,
        Subscription.target_type == target_type,
        Subscription.target_id == target_id,
    )
    return db.session.scalar(query)


def set_watch(user: User, target_type: str, target_id: int, muted: bool) -> None:
    """Watch (muted=False) or mute (muted=True) a thread or a community."""
    found = subscription(user, target_type, target_id)
    if found is None:
        found = Subscription(
            user_id=user.id, target_type=target_type, target_id=target_id
        )
        db.session.add(found)
    found.muted = muted
    db.session.flush()


def stop_watching(user: User, target_type: str, target_id: int) -> None:
    found = subscription(user, target_type, target_id)
    if found is not None:
        db.session.delete(found)
        db.session.flush()


def auto_watch(user: User, thread: Thread) -> None:
    """Authors and repliers watch, unless they already chose (watch or mute)."""
    if subscription(user, "thread", thread.id) is None:
        set_watch(user, "thread", thread.id, muted=False)


def readers(users: list[User], community: Community) -> list[User]:
    """The people among `users` who may read the community's threads (one query)."""
    users = [user for user in users if not user.is_suspended]
    if community.is_public or not users:
        return users
    query = select(Membership.user_id).where(
        Membership.community_id == community.id,
        Membership.status == "active",
        Membership.user_id.in_([user.id for user in users]),
    )
    active = set(db.session.scalars(query))
    return [user for user in users if user.id in active or user.is_admin]


def _subscribers(target_type: str, target_id: int, muted: bool) -> list[User]:
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


def post_url(post: Post) -> str:
    # A plain path (not url_for) so CLI jobs and seed data can notify too.
    return f"/p/{post.id}"


def announce_reply(post: Post, mentioned: list[User]) -> None:
    """Tell mentioned people, the parent's author, the asker and watchers, once each."""
    thread = post.thread
    muted = {user.id for user in _subscribers("thread", thread.id, True)}
    told = {post.author_id}
    url = post_url(post)
    title = thread.title[:80]
    candidates: list[tuple[User, str, str]] = []
    for user in mentioned:
        candidates.append(
            (user, "mention", f"{post.author_name} mentioned you in “{title}”")
        )
    parent = post.parent
    if parent is not None and parent.author is not None and not parent.is_opening:
        message = f"{post.author_name} replied to your post in “{title}”"
        candidates.append((parent.author, "reply", message))
    if thread.author is not None:
        message = f"{post.author_name} replied to your thread “{title}”"
        candidates.append((thread.author, "reply", message))
    for user in _subscribers("thread", thread.id, False):
        message = f"{post.author_name} replied in “{title}”, which you watch"
        candidates.append((user, "reply", message))
    allowed = {
        user.id for user in readers([c[0] for c in candidates], thread.community)
    }
    for user, kind, message in candidates:
        if user.id in told or user.id not in allowed:
            continue
        if kind != "mention" and user.id in muted:
            continue
        told.add(user.id)
        notify(user, kind, message, url)


def announce_thread(thread: Thread, opening: Post, mentioned: list[User]) -> None:
    """Mentioned people and community watchers hear about a new thread."""
    told = {thread.author_id}
    url = f"/t/{thread.id}/{thread.slug}"
    title = thread.title[:80]
    candidates = [
        (user, "mention", f"{thread.author_name} mentioned you in “{title}”")
        for user in mentioned
    ]
    for user in _subscribers("community", thread.community_id, False):
        message = f"New thread in {thread.community.name}: “{title}”"
        candidates.append((user, "new_thread", message))
    allowed = {
        user.id for user in readers([c[0] for c in candidates], thread.community)
    }
    for user, kind, message in candidates:
        if user.id in told or user.id not in allowed:
            continue
        told.add(user.id)
        notify(user, kind, message, url)


def tell_author(post: Post, kind: str, message: str) -> None:
    """A decision about someone's post (accepted, hidden, restored)."""
    if post.author is None:
        return
    notify(post.author, kind, message, post_url(post))


CHOICES = ("watch", "mute", "stop")


def choose(user: User, target_type: str, target_id: int, choice: str) -> None:
    """Apply a watch button: watch, mute, or back to the default."""
    if choice == "stop":
        stop_watching(user, target_type, target_id)
    else:
        set_watch(user, target_type, target_id, muted=choice == "mute")


def after_new_thread(thread: Thread, author: User) -> None:
    from community.discussions.posting import mentioned_users, opening_post

    opening = opening_post(thread)
    auto_watch(author, thread)
    announce_thread(thread, opening, mentioned_users(opening.body_source))


def after_reply(post: Post, author: User) -> None:
    from community.discussions.posting import mentioned_users

    auto_watch(author, post.thread)
    announce_reply(post, mentioned_users(post.body_source))


def accept(thread: Thread, post: Post, actor: User, undo: bool = False) -> None:
    """Mark or unmark the accepted answer, telling the answer's author."""
    from community.discussions.voting import accept_answer, unaccept_answer

    if undo:
        unaccept_answer(thread)
        return
    accept_answer(thread, post)
    if post.author_id != actor.id:
        tell_author(
            post, "accepted", f"Your answer to “{thread.title[:80]}” was accepted"
        )
