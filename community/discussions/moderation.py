"""Pin, lock, hide, restore, flags and bans: every action goes to the audit log."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from community import audit
from community.auth import accounts
from community.auth.models import User
from community.communities import membership
from community.communities.membership import MembershipRefused
from community.communities.models import Community
from community.discussions.announcing import tell_author
from community.discussions.indexing import refresh_post
from community.discussions.models import Flag, Post, Thread
from community.discussions.posting import PostingRefused
from community.extensions import db
from community.notifications.sending import notify
from community.timezones import utcnow
from community.trust import holding

ALREADY_FLAGGED = _l("You already flagged this post; moderators will look at it.")


class FlagRefused(PostingRefused):
    """Flagging twice, or flagging your own post."""


def set_pinned(thread: Thread, actor: User, pinned: bool, ip: str = "") -> None:
    """Pinned threads head their community's list."""
    thread.is_pinned = pinned
    audit.record(actor, "thread.pin" if pinned else "thread.unpin", thread, ip=ip)
    db.session.flush()


def set_locked(thread: Thread, actor: User, locked: bool, ip: str = "") -> None:
    """Lock (no more replies) or unlock; the thread's author is told."""
    thread.is_locked = locked
    audit.record(actor, "thread.lock" if locked else "thread.unlock", thread, ip=ip)
    if thread.author is not None and thread.author_id != actor.id:
        title = thread.title[:80]
        if locked:
            message = _l("A moderator locked your thread “%(title)s”", title=title)
        else:
            message = _l("A moderator unlocked your thread “%(title)s”", title=title)
        notify(thread.author, "moderation", message, f"/t/{thread.id}/{thread.slug}")
    db.session.flush()


def hide_post(post: Post, actor: User, reason: str, ip: str = "") -> None:
    """Hide a post from readers; its author sees it with the reason."""
    holding.conceal(post, reason)
    audit.record(actor, "post.hide", post, detail=reason, ip=ip)
    refresh_post(post)
    tell_author(
        post,
        "moderation",
        _(
            "A moderator hid your post in “%(title)s”: %(reason)s",
            title=post.thread.title[:80],
            reason=reason[:200],
        ),
    )
    db.session.flush()


def restore_post(post: Post, actor: User, ip: str = "") -> None:
    """Undo a hide (or a deletion, for moderators)."""
    post.hidden_at = None
    post.hidden_reason = ""
    post.deleted_at = None
    if post.is_opening:
        post.thread.is_hidden = False
    audit.record(actor, "post.restore", post, ip=ip)
    refresh_post(post)
    tell_author(
        post,
        "moderation",
        _(
            "A moderator restored your post in “%(title)s”",
            title=post.thread.title[:80],
        ),
    )
    db.session.flush()


def flag_post(post: Post, user: User, reason: str, text: str) -> Flag:
    """Report a post to the community's moderators, once per person."""
    if post.author_id == user.id:
        raise FlagRefused(_("You cannot flag your own post."))
    flag = Flag(
        post_id=post.id,
        user_id=user.id,
        community_id=post.thread.community_id,
        reason=reason,
        text=text,
    )
    try:
        with db.session.begin_nested():
            db.session.add(flag)
            db.session.flush()
    except IntegrityError:
        raise FlagRefused(ALREADY_FLAGGED) from None
    holding.hide_if_flagged(post)
    return flag


def already_flagged(post: Post, user: User) -> bool:
    """Each person flags a post once."""
    query = select(Flag.id).where(Flag.post_id == post.id, Flag.user_id == user.id)
    return db.session.scalar(query) is not None


def open_flags(community: Community) -> list[Flag]:
    """The queue: unresolved flags with their post, thread and reporter loaded."""
    query = (
        select(Flag)
        .options(
            joinedload(Flag.post).joinedload(Post.thread),
            joinedload(Flag.user),
        )
        .where(Flag.community_id == community.id, Flag.resolved_at.is_(None))
        .order_by(Flag.created_at)
    )
    return list(db.session.scalars(query).unique())


def resolve_flags(post: Post, actor: User, resolution: str) -> int:
    """Close every open flag on the post with one decision."""
    result = db.session.execute(
        update(Flag)
        .where(Flag.post_id == post.id, Flag.resolved_at.is_(None))
        .values(resolved_at=utcnow(), resolved_by_id=actor.id, resolution=resolution)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def dismiss_flags(post: Post, actor: User, ip: str = "") -> None:
    """Moderators found nothing wrong: close the flags, keep the post."""
    count = resolve_flags(post, actor, "dismissed")
    audit.record(actor, "flag.dismiss", post, detail=f"{count} flags", ip=ip)
    db.session.flush()


def hide_flagged(post: Post, actor: User, reason: str, ip: str = "") -> None:
    """Close the flags by hiding the post."""
    resolve_flags(post, actor, "hidden")
    hide_post(post, actor, reason, ip=ip)


def ban_author(post: Post, actor: User, reason: str, ip: str = "") -> None:
    """Close the flags by banning the author: the one ban (membership.ban)."""
    if post.author is None:
        raise PostingRefused(_("That account no longer exists."))
    community = post.thread.community
    try:
        membership.ban(
            actor, community, post.author, ip, reason, even_if_not_member=True
        )
    except MembershipRefused as refused:
        raise PostingRefused(str(refused)) from None
    resolve_flags(post, actor, "banned")
    if not post.is_hidden:
        hide_post(post, actor, reason, ip=ip)
    db.session.flush()


def suspend_author(post: Post, actor: User, reason: str, ip: str = "") -> None:
    """Site moderators suspend the whole account (it can no longer post anywhere)."""
    if post.author is None:
        raise PostingRefused(_("That account no longer exists."))
    if post.author.is_site_moderator:
        raise PostingRefused(_("Site moderators and admins cannot be suspended here."))
    accounts.suspend(post.author, reason)
    resolve_flags(post, actor, "suspended")
    if not post.is_hidden:
        hide_post(post, actor, reason, ip=ip)
    audit.record(actor, "account.suspend", post.author, detail=reason, ip=ip)
    db.session.flush()
