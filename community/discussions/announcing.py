"""Who hears about new posts, edits and decisions (never those who cannot read)."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from community.auth.models import User
from community.communities.models import Community, Membership
from community.discussions.models import Post, Thread
from community.extensions import db
from community.notifications.sending import notify, notify_all
from community.notifications.subscriptions import (
    COMMUNITY,
    TAG,
    THREAD,
    subscribers,
)


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


def post_url(post: Post) -> str:
    """A plain path (not url_for) so CLI jobs and seed data can notify too."""
    return f"/p/{post.id}"


Candidate = tuple[User, str, str]  # who, kind, message


def deliver(
    candidates: list[Candidate],
    post: Post,
    url: str,
    skip: set[int | None],
    muted: frozenset[int] = frozenset(),
) -> None:
    """Notify each candidate once (first reason wins), only if they may read;
    the post goes with it (its mail carries the text).

    Muting silences everything but mentions.
    """
    thread = post.thread
    people = [candidate[0] for candidate in candidates]
    allowed = {user.id for user in readers(people, thread.community)}
    chosen = []
    for user, kind, message in candidates:
        if user.id in skip or user.id not in allowed:
            continue
        if kind != "mention" and user.id in muted:
            continue
        skip.add(user.id)
        chosen.append((user, kind, message))
    if chosen:
        notify_all(chosen, url, post=post)


def mention_candidates(by: str, title: str, mentioned: list[User]) -> list[Candidate]:
    """One mention notification for each person named."""
    return [
        (user, "mention", _l("%(by)s mentioned you in “%(title)s”", by=by, title=title))
        for user in mentioned
    ]


def announce_reply(post: Post, mentioned: list[User]) -> None:
    """Tell mentioned people, the parent's author, the asker and watchers."""
    thread, by, title = post.thread, post.author_name, post.thread.title[:80]
    candidates = mention_candidates(by, title, mentioned)
    parent = post.parent
    if parent is not None and parent.author is not None and not parent.is_opening:
        message = _l("%(by)s replied to your post in “%(title)s”", by=by, title=title)
        candidates.append((parent.author, "reply", message))
    if thread.author is not None:
        message = _l("%(by)s replied to your thread “%(title)s”", by=by, title=title)
        candidates.append((thread.author, "reply", message))
    for user in subscribers(THREAD, thread.id):
        message = _l(
            "%(by)s replied in “%(title)s”, which you watch", by=by, title=title
        )
        candidates.append((user, "reply", message))
    muted = subscribers(THREAD, thread.id, muted=True)
    muted += subscribers(COMMUNITY, thread.community_id, muted=True)
    muted_ids = frozenset(user.id for user in muted)
    deliver(candidates, post, post_url(post), {post.author_id}, muted_ids)


def announce_thread(thread: Thread, opening: Post, mentioned: list[User]) -> None:
    """Mentioned people and community watchers hear about a new thread."""
    title = thread.title[:80]
    candidates = mention_candidates(thread.author_name, title, mentioned)
    for user in subscribers(COMMUNITY, thread.community_id):
        message = _l(
            "New thread in %(name)s: “%(title)s”",
            name=thread.community.name,
            title=title,
        )
        candidates.append((user, "new_thread", message))
    for tag in thread.tags:
        for user in subscribers(TAG, tag.id):
            message = _l(
                "New thread tagged %(tag)s in %(name)s: “%(title)s”",
                tag=tag.name,
                name=thread.community.name,
                title=title,
            )
            candidates.append((user, "new_thread", message))
    url = f"/t/{thread.id}/{thread.slug}"
    deliver(candidates, opening, url, {thread.author_id})


def announce_edit(post: Post, added: list[User]) -> None:
    """People newly mentioned by an edit hear about it; earlier ones not again."""
    if added:
        by, title = post.author_name, post.thread.title[:80]
        candidates = mention_candidates(by, title, added)
        deliver(candidates, post, post_url(post), {post.author_id})


def tell_author(post: Post, kind: str, message: str) -> None:
    """A decision about someone's post (accepted, hidden, restored)."""
    if post.author is None:
        return
    notify(post.author, kind, message, post_url(post))
