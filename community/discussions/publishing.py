"""What happens when someone posts: save, watch, tell the right people.

Views call these; each joins a posting or voting service with watching.
"""

from community.auth.models import User
from community.communities.models import Community
from community.discussions import posting, voting, watching
from community.discussions.models import Post, Thread


def publish_thread(community: Community, author: User, **values) -> Thread:
    """Start a thread (values as posting.start_thread); the author watches it."""
    thread, created = posting.start_thread(community, author, **values)
    if created:
        opening = posting.opening_post(thread)
        watching.auto_watch(author, thread)
        mentioned = posting.mentioned_users(opening.body_source)
        watching.announce_thread(thread, opening, mentioned)
    return thread


def publish_reply(
    thread: Thread, author: User, source: str, parent_id: str | None, key: str | None
) -> Post:
    """Reply (PostingRefused when the thread or parent cannot take it), then notify."""
    parent = posting.parent_from_form(thread, parent_id)
    post, created = posting.reply(thread, author, source, parent, key)
    if created:
        watching.auto_watch(author, thread)
        watching.announce_reply(post, posting.mentioned_users(post.body_source))
    return post


def publish_edit(post: Post, editor: User, source: str, version: int | None) -> None:
    """Save an edit (EditConflict if stale) and tell anyone newly mentioned."""
    previous = post.body_source
    if posting.edit_post(post, editor, source, version):
        watching.announce_edit(post, previous)


def accept(thread: Thread, post: Post, actor: User, undo: bool = False) -> None:
    """Mark or unmark the accepted answer, telling the answer's author."""
    if undo:
        voting.unaccept_answer(thread)
        return
    voting.accept_answer(thread, post)
    if post.author_id != actor.id:
        message = f"Your answer to “{thread.title[:80]}” was accepted"
        watching.tell_author(post, "accepted", message)
