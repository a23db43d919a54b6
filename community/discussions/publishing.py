"""What happens when someone posts: save, watch, tell the right people.

Views call these; each joins a posting or voting service with announcing.
"""

from flask_babel import gettext as _

from community import audit
from community.api import webhooks
from community.auth.models import User
from community.communities.models import Community
from community.discussions import announcing, posting, voting
from community.discussions.indexing import (
    add_reply_to_index,
    refresh_post,
    refresh_thread,
)
from community.discussions.models import Post, Thread
from community.notifications import subscriptions
from community.notifications.subscriptions import THREAD
from community.trust import holding


def publish_thread(community: Community, author: User, **values) -> Thread:
    """Start a thread (values as posting.start_thread); the author watches it."""
    mentioned: list[User] = []
    thread, created = posting.start_thread(
        community, author, mentioned=mentioned, **values
    )
    if created:
        opening = posting.opening_post(thread)
        subscriptions.auto_watch(author, THREAD, thread.id)
        if holding.hold_new_post(opening):  # announced once a moderator approves
            return thread
        announcing.announce_thread(thread, opening, mentioned)
        refresh_thread(thread)
        webhooks.emit("thread.created", thread.community, thread)
    return thread


def publish_thread_form(
    community: Community, author: User, form, idempotency_key: str | None
) -> Thread:
    """Start a thread from a valid ThreadForm (the page's and the API's)."""
    return publish_thread(
        community,
        author,
        title=form.title.data,
        kind=form.kind.data,
        source=form.body.data,
        tags=posting.tag_names(form.tags.data or ""),
        idempotency_key=idempotency_key,
        language=form.language.data or "",
    )


def publish_reply(
    thread: Thread,
    author: User,
    source: str,
    parent_id: str | None,
    key: str | None,
    language: str = "",
) -> Post:
    """Reply (PostingRefused when the thread or parent cannot take it), then notify."""
    parent = posting.parent_from_form(thread, parent_id)
    mentioned: list[User] = []
    post, created = posting.reply(
        thread, author, source, parent, key, mentioned, language=language
    )
    if created:
        subscriptions.auto_watch(author, THREAD, thread.id)
        if holding.hold_new_post(post):  # announced once a moderator approves
            return post
        announcing.announce_reply(post, mentioned)
        add_reply_to_index(thread, post)  # the new words only: no thread rebuild
        webhooks.emit("post.created", thread.community, post)
    return post


def publish_edit(
    post: Post, editor: User, source: str, version: int, ip: str = ""
) -> None:
    """Save an edit (EditConflict if stale) and tell anyone newly mentioned.

    A moderator editing someone else's post is a moderation action: logged, and
    the author is told.
    """
    added: list[User] = []
    if not posting.edit_post(post, editor, source, version, added):
        return
    if not post.is_hidden:  # a held post is announced when approved, not before
        announcing.announce_edit(post, added)
    refresh_post(post)
    if post.author_id != editor.id:
        audit.record(editor, "post.edit", post, ip=ip)
        message = _(
            "A moderator edited your post in “%(title)s”", title=post.thread.title[:80]
        )
        announcing.tell_author(post, "moderation", message)


def remove_post(post: Post, actor: User, ip: str = "") -> bool:
    """Soft-delete; logged when a moderator removes someone else's post.
    True when the post was the accepted answer (undo_delete gives it back)."""
    was_answer = posting.delete_post(post, actor)
    refresh_post(post)
    if post.author_id != actor.id:
        audit.record(actor, "post.delete", post, ip=ip)
        message = _(
            "A moderator removed your post in “%(title)s”", title=post.thread.title[:80]
        )
        announcing.tell_author(post, "moderation", message)
    return was_answer


def undo_delete(
    post: Post, actor: User, ip: str = "", was_answer: bool = False
) -> None:
    """Bring back a post deleted moments ago (permissions.can_undo_delete),
    with its accepted-answer mark when the deletion took it."""
    post.deleted_at = None
    if was_answer:
        posting.restore_answer(post)
    refresh_thread(post.thread)
    if post.author_id != actor.id:
        audit.record(actor, "post.undelete", post, ip=ip)


def retitle(thread: Thread, editor: User, title: str, tags: list[str], ip: str = ""):
    """Change title and tags; logged when a moderator changes someone's thread."""
    before = thread.title
    posting.edit_thread(thread, editor, title, tags)
    refresh_thread(thread)
    if thread.author_id != editor.id:
        detail = f"{before} -> {title}; tags: {' '.join(tags)}"
        audit.record(editor, "thread.edit", thread, detail=detail, ip=ip)


def accept(
    thread: Thread, post: Post, actor: User, undo: bool = False, ip: str = ""
) -> None:
    """Mark or unmark the accepted answer, telling the answer's author."""
    if undo:
        voting.unaccept_answer(thread)
    else:
        voting.accept_answer(thread, post)
    refresh_thread(thread)
    if not undo and post.author_id != actor.id:
        message = _("Your answer to “%(title)s” was accepted", title=thread.title[:80])
        announcing.tell_author(post, "accepted", message)
    if thread.author_id != actor.id:  # a moderator deciding in someone's question
        action = "answer.unaccept" if undo else "answer.accept"
        audit.record(actor, action, post, ip=ip)
