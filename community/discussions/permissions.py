"""Who may do what with threads and posts: the one place these rules live.

Predicates take the user first (anonymous allowed), return bool and never abort.
They build on the community rules in communities/permissions.py.
"""

from dataclasses import dataclass
from datetime import timedelta

from flask import abort, redirect, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from community.communities.permissions import (
    can_moderate,
    can_post,
    can_see_content,
    get_community_or_404,
    is_active_account,
    is_banned,
    is_site_moderator,
    may_post_anywhere,
)
from community.discussions.models import Post, Thread
from community.discussions.moderation_models import ThreadRedirect
from community.extensions import db
from community.timezones import utcnow

# How long "Post deleted — Undo" stays on offer; after that the deletion stands.
UNDO_DELETE_WINDOW = timedelta(minutes=10)


def is_author(user, item: Thread | Post) -> bool:
    """Signed in and the author of the thread or post."""
    return bool(
        getattr(user, "is_authenticated", False)
        and item.author_id is not None
        and item.author_id == user.id
    )


def can_see_thread(user, thread: Thread) -> bool:
    """Read a thread: whoever may read its community's content; a hidden thread
    only its author (who sees the reason) and moderators."""
    if not can_see_content(user, thread.community):
        return False
    if thread.is_hidden:
        return is_author(user, thread) or can_moderate(user, thread.community)
    return True


def can_start_thread(user, community) -> bool:
    """Active members (and admins) of an open community."""
    return can_post(user, community)


def can_moderate_thread(user, thread: Thread) -> bool:
    """Pin, lock, hide, restore, edit anything in the thread's community."""
    return can_moderate(user, thread.community)


def can_reply(user, thread: Thread) -> bool:
    """Moderators may still answer in a locked thread; nobody else."""
    if not can_post(user, thread.community):
        return False
    return not thread.is_locked or can_moderate_thread(user, thread)


def can_edit_thread(user, thread: Thread) -> bool:
    """Title and tags: the author and moderators."""
    if can_moderate_thread(user, thread):
        return True
    return (
        is_author(user, thread)
        and may_post_anywhere(user)
        and not is_banned(user, thread.community)
    )


def can_accept(user, thread: Thread) -> bool:
    """Mark the accepted answer of a question: the asker or a moderator."""
    if not thread.is_question:
        return False
    if can_moderate_thread(user, thread):
        return True
    return is_author(user, thread) and may_post_anywhere(user)


@dataclass(frozen=True)
class ThreadRules:
    """What one person may do with the posts of one thread. The thread-level
    facts (memberships, roles, the lock) are worked out once, so a page of a
    few hundred posts asks them once, not for every post and button; the post
    predicates below are these methods, so the rules still live only here."""

    user_id: int | None
    active: bool  # signed in and not suspended
    post_anywhere: bool  # ... and confirmed when the site asks for it
    see_thread: bool
    moderate: bool
    reply: bool
    banned: bool

    def is_author(self, post: Post) -> bool:
        return self.user_id is not None and post.author_id == self.user_id

    def can_see_post_text(self, post: Post) -> bool:
        """Hidden text stays readable by its author (with the reason) and
        moderators; deleted text by nobody on the page (the revision list
        keeps it for them)."""
        return not post.is_gone or self.is_author(post) or self.moderate

    def can_see_post_history(self, post: Post) -> bool:
        """Earlier texts of a hidden or deleted post: moderators only."""
        return self.moderate or not post.is_gone

    def can_reply_to(self, post: Post) -> bool:
        """Reply under a post: removed posts take no replies."""
        return self.reply and not post.is_gone

    def can_edit_post(self, post: Post) -> bool:
        """Authors (while allowed to post) and moderators; deleted posts never."""
        if post.is_deleted:
            return False
        return self.moderate or self.may_change_own(post)

    def may_change_own(self, post: Post) -> bool:
        """The author's own rights over a post: while allowed to post, not
        banned, and the post not hidden by moderators."""
        return (
            self.is_author(post)
            and self.post_anywhere
            and not self.banned
            and not post.is_hidden
        )

    def can_delete_post(self, post: Post) -> bool:
        """As editing, except the opening post, which keeps the thread."""
        return self.can_edit_post(post) and not post.is_opening

    def can_undo_delete(self, post: Post) -> bool:
        """Whoever could delete the post may bring it back for a short while."""
        if not post.is_deleted or post.is_opening:
            return False
        if post.deleted_at < utcnow() - UNDO_DELETE_WINDOW:
            return False
        return self.moderate or self.may_change_own(post)

    def can_vote(self, post: Post) -> bool:
        """Signed-in readers who are not banned, never on their own post."""
        return (
            self.post_anywhere
            and self.see_thread
            and not self.banned
            and not self.is_author(post)
            and not post.is_gone
        )

    def can_flag(self, post: Post) -> bool:
        """Signed-in readers who are not banned, never on their own or a
        removed post."""
        return (
            self.active
            and self.see_thread
            and not self.banned
            and not self.is_author(post)
            and not post.is_gone
        )


def thread_rules(user, thread: Thread) -> ThreadRules:
    """The person's rules for this thread's posts (see ThreadRules)."""
    return ThreadRules(
        user_id=user.id if getattr(user, "is_authenticated", False) else None,
        active=is_active_account(user),
        post_anywhere=may_post_anywhere(user),
        see_thread=can_see_thread(user, thread),
        moderate=can_moderate_thread(user, thread),
        reply=can_reply(user, thread),
        banned=is_banned(user, thread.community),
    )


def can_see_post_text(user, post: Post) -> bool:
    return thread_rules(user, post.thread).can_see_post_text(post)


def can_see_post_history(user, post: Post) -> bool:
    return thread_rules(user, post.thread).can_see_post_history(post)


def can_reply_to(user, post: Post) -> bool:
    return thread_rules(user, post.thread).can_reply_to(post)


def can_edit_post(user, post: Post) -> bool:
    return thread_rules(user, post.thread).can_edit_post(post)


def can_delete_post(user, post: Post) -> bool:
    return thread_rules(user, post.thread).can_delete_post(post)


def can_vote(user, post: Post) -> bool:
    return thread_rules(user, post.thread).can_vote(post)


def can_undo_delete(user, post: Post) -> bool:
    return thread_rules(user, post.thread).can_undo_delete(post)


def can_flag(user, post: Post) -> bool:
    return thread_rules(user, post.thread).can_flag(post)


def can_suspend_accounts(user) -> bool:
    """Suspending a whole account is for site moderators only."""
    return is_active_account(user) and is_site_moderator(user)


def can_move_thread(user, thread: Thread, target=None) -> bool:
    """Moderators of both communities (site moderators anywhere); a thread
    stays out of archived communities and never moves onto its own."""
    if not can_moderate_thread(user, thread):
        return False
    if target is None:
        return True
    return (
        target.id != thread.community_id
        and not target.is_archived
        and can_moderate(user, target)
    )


def can_merge_threads(user, source: Thread, target: Thread | None = None) -> bool:
    """Moderators of both threads' communities; never a thread into itself."""
    if not can_moderate_thread(user, source):
        return False
    if target is None:
        return True
    return target.id != source.id and can_moderate_thread(user, target)


def can_split_thread(user, thread: Thread) -> bool:
    """Moving replies off into a new thread of the same community."""
    return can_moderate_thread(user, thread) and not thread.community.is_archived


def can_manage_tags(user, community) -> bool:
    """Tag synonyms: the community's moderators and site moderators."""
    return can_moderate(user, community)


def can_watch_tag(user, community) -> bool:
    """Signed-in readers of the community who are not banned from it."""
    return (
        is_active_account(user)
        and can_see_content(user, community)
        and not is_banned(user, community)
    )


def can_watch_thread(user, thread: Thread) -> bool:
    """Signed-in readers who are not banned may watch or mute a thread."""
    return (
        is_active_account(user)
        and can_see_thread(user, thread)
        and not is_banned(user, thread.community)
    )


def _thread_loads() -> tuple:
    # Built per call: a loader option at import would configure the mappers
    # before every feature's models are imported.
    return joinedload(Thread.community), joinedload(Thread.tags)


def get_thread_or_404(thread_id: int, user) -> Thread:
    """The thread, or 404 when it does not exist or the person may not read it."""
    thread = db.session.get(Thread, thread_id, options=_thread_loads())
    return _readable_or_404(thread, thread_id, user)


def get_thread_row_or_404(thread_id: int, user, *columns) -> tuple:
    """(thread, *columns' values) in one query, or 404 as get_thread_or_404."""
    row = (
        db.session.execute(
            select(Thread, *columns)
            .options(*_thread_loads())
            .where(Thread.id == thread_id)
        )
        .unique()
        .first()
    )
    _readable_or_404(row[0] if row else None, thread_id, user)
    return tuple(row)


def _readable_or_404(thread: Thread | None, thread_id: int, user) -> Thread:
    if thread is None:
        follow_merged(thread_id, user)
    if thread is None or not can_see_thread(user, thread):
        abort(404)
    return thread


def follow_merged(thread_id: int, user) -> None:
    """A merged thread's pages answer 301 with the thread it joined (for those
    who may read that one; a POST is never redirected)."""
    if request.method not in ("GET", "HEAD"):
        return
    found = db.session.get(ThreadRedirect, thread_id)
    if found is None or not can_see_thread(user, found.thread):
        return
    values = {**(request.view_args or {}), **request.args.to_dict()}
    values["thread_id"] = found.thread_id
    if "slug" in values:
        values["slug"] = found.thread.slug
    abort(redirect(url_for(request.endpoint, **values), 301))


def get_readable_community_or_404(slug: str, user):
    """The community, or 404 when it does not exist or its content is hidden."""
    community = get_community_or_404(slug)
    if not can_see_content(user, community):
        abort(404)
    return community


def get_post_or_404(post_id: int, user) -> Post:
    """The post, or 404 when its thread is hidden from the person."""
    post = db.session.get(Post, post_id)
    if post is None or not can_see_thread(user, post.thread):
        abort(404)
    return post


def get_post_with_history_or_404(post_id: int, user) -> Post:
    """The post whose edit history the person may read, or 404."""
    post = get_post_or_404(post_id, user)
    if not can_see_post_history(user, post):
        abort(404)
    return post


TEMPLATE_PREDICATES = (
    thread_rules,
    can_see_thread,
    can_see_post_text,
    can_start_thread,
    can_moderate_thread,
    can_reply,
    can_reply_to,
    can_edit_post,
    can_delete_post,
    can_edit_thread,
    can_vote,
    can_undo_delete,
    can_move_thread,
    can_merge_threads,
    can_split_thread,
    can_manage_tags,
    can_watch_tag,
    can_accept,
    can_flag,
    can_suspend_accounts,
    can_watch_thread,
)
