"""Posts held back from readers until a moderator looks.

Two ways in: a new account's first posts (TRUST_HOLD_FIRST_POSTS of them, 0 turns
it off), and a post that TRUST_FLAGS_TO_HIDE established members flagged. A held
post is hidden the way moderators hide one (readers see "[hidden]", the author
sees the reason), so every list, feed and the search index already leave it
out; a PostHold row says why, for the moderators' queue.
"""

from collections import Counter

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from community import audit
from community.api import webhooks
from community.auth.models import User
from community.communities.models import Community
from community.communities.permissions import can_moderate
from community.discussions.indexing import refresh_post
from community.discussions.models import FLAG_REASONS, Flag, Post
from community.extensions import db
from community.notifications.sending import notify
from community.timezones import utcnow
from community.trust import levels
from community.trust.models import PostHold


def post_url(post: Post) -> str:
    return f"/p/{post.id}"


def hold(post: Post, kind: str, reason: str) -> PostHold | None:
    """Hide the post from readers and queue it for the community's moderators.

    One row per post (a unique post_id), reopened if the post is held again; None
    when a parallel request held it first (two last flags arriving together).
    """
    entry = db.session.scalar(select(PostHold).where(PostHold.post_id == post.id))
    if entry is not None and entry.is_open:
        return None
    if entry is None:
        entry = PostHold(
            post_id=post.id,
            community_id=post.thread.community_id,
            kind=kind,
            reason=reason[:500],
        )
        try:
            with db.session.begin_nested():
                db.session.add(entry)
                db.session.flush()
        except IntegrityError:
            return None
    entry.kind, entry.reason = kind, reason[:500]
    entry.created_at, entry.decided_at = utcnow(), None
    entry.decided_by_id, entry.decision = None, ""
    conceal(post, reason)
    db.session.flush()
    return entry


def conceal(post: Post, reason: str) -> None:
    """Take a post from readers (a hidden opening hides its thread); the one rule
    for moderators hiding, flags hiding and posts held for review."""
    post.hidden_at = utcnow()
    post.hidden_reason = reason[:500]
    if post.is_opening:
        post.thread.is_hidden = True
    if post.thread.accepted_post_id == post.id:
        post.thread.accepted_post_id = None


def visible_posts_by(author: User, other_than: Post) -> int:
    query = select(func.count(Post.id)).where(
        Post.author_id == author.id,
        Post.id != other_than.id,
        Post.hidden_at.is_(None),
        Post.deleted_at.is_(None),
    )
    return db.session.scalar(query) or 0


def hold_new_post(post: Post) -> bool:
    """Promote the author if earned, then hold a new account's first posts for a
    moderator; True when held.

    Called once, right after the post is saved (discussions/publishing.py); a
    held post is announced to watchers and the mentioned only when approved.
    """
    author = post.author
    if author is None:
        return False
    level = levels.promote(author)  # every post is activity that may promote
    first_posts = current_app.config.get("TRUST_HOLD_FIRST_POSTS", 0)
    if not first_posts or level > levels.NEW:
        return False
    if can_moderate(author, post.thread.community):
        return False
    if visible_posts_by(author, post) >= first_posts:
        return False
    age = utcnow() - author.created_at
    hours = int(age.total_seconds() // 3600)
    reason = _(
        "Waiting for a moderator: %(name)s is a new member (trust level new, "
        "account %(hours)d hours old), and a new account's first %(count)d posts "
        "are checked before others see them.",
        name=author.display_name,
        hours=hours,
        count=first_posts,
    )
    if hold(post, "new_account", reason) is None:
        return False
    notify(
        author,
        "moderation",
        _l(
            "Your post in “%(title)s” waits for a moderator: new members' first "
            "posts are checked before others see them.",
            title=post.thread.title[:80],
        ),
        post_url(post),
    )
    return True


def established_flags(post: Post) -> list[Flag]:
    """Open flags on the post from members at trust level member or above, or staff."""
    query = (
        select(Flag)
        .join(User, User.id == Flag.user_id)
        .where(
            Flag.post_id == post.id,
            Flag.resolved_at.is_(None),
            or_(
                User.trust_level >= levels.MEMBER,
                User.site_role.in_(("moderator", "admin")),
            ),
        )
    )
    return list(db.session.scalars(query))


def hide_if_flagged(post: Post) -> bool:
    """After a flag: hide the post once enough established members flagged it."""
    needed = current_app.config.get("TRUST_FLAGS_TO_HIDE", 0)
    if not needed or post.is_gone:
        return False
    author = post.author
    if author is not None and (
        author.is_site_moderator or can_moderate(author, post.thread.community)
    ):
        return False  # staff posts wait for a person, never hide themselves
    flags = established_flags(post)
    if len(flags) < needed:
        return False
    counts = Counter(FLAG_REASONS.get(flag.reason, flag.reason) for flag in flags)
    summary = ", ".join(f"{label} ×{count}" for label, count in counts.most_common())
    reason = _(
        "Hidden automatically after %(count)d flags from established members "
        "(%(summary)s), until a moderator looks.",
        count=len(flags),
        summary=summary,
    )
    if hold(post, "flags", reason) is None:
        return False
    audit.record(None, "post.auto_hide", post, detail=reason)
    refresh_post(post)
    if author is not None:
        notify(
            author,
            "moderation",
            _l(
                "Your post in “%(title)s” is hidden until a moderator looks: "
                "several members flagged it.",
                title=post.thread.title[:80],
            ),
            post_url(post),
        )
    return True


def open_holds(community: Community) -> list[PostHold]:
    """The queue, oldest first, with post, thread and author loaded (one query)."""
    query = (
        select(PostHold)
        .options(
            joinedload(PostHold.post).joinedload(Post.thread),
            joinedload(PostHold.post).joinedload(Post.author),
        )
        .where(PostHold.community_id == community.id, PostHold.decided_at.is_(None))
        .order_by(PostHold.created_at, PostHold.id)
    )
    return list(db.session.scalars(query).unique())


def decide(entry: PostHold, actor: User, decision: str) -> None:
    entry.decided_at = utcnow()
    entry.decided_by_id = actor.id
    entry.decision = decision


def close_flags(post: Post, actor: User, resolution: str) -> None:
    db.session.execute(
        update(Flag)
        .where(Flag.post_id == post.id, Flag.resolved_at.is_(None))
        .values(resolved_at=utcnow(), resolved_by_id=actor.id, resolution=resolution)
        .execution_options(synchronize_session=False)
    )


def approve(entry: PostHold, actor: User, ip: str = "") -> None:
    """Show the post to readers; a held new post is announced now, as if new."""
    post = entry.post
    decide(entry, actor, "approved")
    post.hidden_at = None
    post.hidden_reason = ""
    if post.is_opening:
        post.thread.is_hidden = False
    if entry.kind == "flags":
        close_flags(post, actor, "dismissed")
    audit.record(actor, "post.approve", post, detail=entry.reason, ip=ip)
    db.session.flush()
    if entry.kind == "new_account":
        announce(post)
        if post.author is not None:
            levels.promote(post.author)
    refresh_post(post)
    if post.author is not None:
        message = _l(
            "A moderator approved your post in “%(title)s”: everyone can read it now.",
            title=post.thread.title[:80],
        )
        notify(post.author, "moderation", message, post_url(post))


def reject(entry: PostHold, actor: User, reason: str, ip: str = "") -> None:
    """Keep the post hidden, with the moderator's reason shown to its author."""
    post = entry.post
    decide(entry, actor, "rejected")
    post.hidden_reason = reason[:500]
    close_flags(post, actor, "hidden")
    audit.record(actor, "post.reject", post, detail=reason, ip=ip)
    if post.author is not None:
        message = _l(
            "A moderator kept your post in “%(title)s” hidden: %(reason)s",
            title=post.thread.title[:80],
            reason=reason[:200],
        )
        notify(post.author, "moderation", message, post_url(post))
    db.session.flush()


def announce(post: Post) -> None:
    """Tell watchers and the mentioned about a post that was held when written."""
    from community.discussions import announcing, posting

    _html, mentioned = posting.render_body(post.body_source)
    if post.is_opening:
        announcing.announce_thread(post.thread, post, mentioned)
        webhooks.emit("thread.created", post.thread.community, post.thread)
    else:
        announcing.announce_reply(post, mentioned)
        webhooks.emit("post.created", post.thread.community, post)


def get_open_hold(hold_id: int) -> PostHold | None:
    entry = db.session.get(PostHold, hold_id)
    return entry if entry is not None and entry.is_open else None
