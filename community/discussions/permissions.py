"""Who may do what with threads and posts: the one place these rules live.

Predicates take the user first (anonymous allowed), return bool and never abort.
They build on the community rules in communities/permissions.py.
"""

from flask import abort
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
from community.extensions import db


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


def can_see_post_text(user, post: Post) -> bool:
    """Hidden text stays readable by its author (with the reason) and moderators;
    deleted text by nobody on the page (the revision list keeps it for them)."""
    if not post.is_gone:
        return True
    return is_author(user, post) or can_moderate_thread(user, post.thread)


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


def can_reply_to(user, post: Post) -> bool:
    """Reply under a post: removed posts take no replies."""
    return can_reply(user, post.thread) and not post.is_gone


def can_edit_post(user, post: Post) -> bool:
    """Authors (while allowed to post) and moderators; deleted posts never."""
    if post.is_deleted:
        return False
    if can_moderate_thread(user, post.thread):
        return True
    return (
        is_author(user, post)
        and may_post_anywhere(user)
        and not is_banned(user, post.thread.community)
        and not post.is_hidden
    )


def can_delete_post(user, post: Post) -> bool:
    """As editing, except the opening post, which keeps the thread."""
    return can_edit_post(user, post) and not post.is_opening


def can_edit_thread(user, thread: Thread) -> bool:
    """Title and tags: the author and moderators."""
    if can_moderate_thread(user, thread):
        return True
    return (
        is_author(user, thread)
        and may_post_anywhere(user)
        and not is_banned(user, thread.community)
    )


def can_vote(user, post: Post) -> bool:
    """Signed-in readers who are not banned, never on their own post."""
    return (
        may_post_anywhere(user)
        and can_see_thread(user, post.thread)
        and not is_banned(user, post.thread.community)
        and not is_author(user, post)
        and not post.is_gone
    )


def can_accept(user, thread: Thread) -> bool:
    """Mark the accepted answer of a question: the asker or a moderator."""
    if not thread.is_question:
        return False
    if can_moderate_thread(user, thread):
        return True
    return is_author(user, thread) and may_post_anywhere(user)


def can_flag(user, post: Post) -> bool:
    """Signed-in readers who are not banned, never on their own or a removed post."""
    return (
        is_active_account(user)
        and can_see_thread(user, post.thread)
        and not is_banned(user, post.thread.community)
        and not is_author(user, post)
        and not post.is_gone
    )


def can_suspend_accounts(user) -> bool:
    """Suspending a whole account is for site moderators only."""
    return is_active_account(user) and is_site_moderator(user)


def can_watch_thread(user, thread: Thread) -> bool:
    """Signed-in readers who are not banned may watch or mute a thread."""
    return (
        is_active_account(user)
        and can_see_thread(user, thread)
        and not is_banned(user, thread.community)
    )


def get_thread_or_404(thread_id: int, user) -> Thread:
    """The thread, or 404 when it does not exist or the person may not read it."""
    options = [joinedload(Thread.community), joinedload(Thread.tags)]
    thread = db.session.get(Thread, thread_id, options=options)
    if thread is None or not can_see_thread(user, thread):
        abort(404)
    return thread


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


TEMPLATE_PREDICATES = (
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
    can_accept,
    can_flag,
    can_suspend_accounts,
    can_watch_thread,
)
