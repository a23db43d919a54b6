"""The "Post deleted — Undo" offer: which deletion the thread page offers to undo.

Kept in the signed session cookie (no table): the undo route checks the time
window and the person's rights again (permissions.can_undo_delete).
"""

from flask import session

from community.discussions.permissions import UNDO_DELETE_WINDOW

UNDO_KEY = "undo_delete"
UNDO_MINUTES = int(UNDO_DELETE_WINDOW.total_seconds() // 60)


def offer_undo(post) -> None:
    """The thread page offers to undo this deletion (the last one only)."""
    session[UNDO_KEY] = {"post": post.id, "thread": post.thread_id}


def forget_undo() -> None:
    session.pop(UNDO_KEY, None)


def undo_offer(thread) -> int | None:
    """The post id the thread page offers to bring back, if any (no query)."""
    offer = session.get(UNDO_KEY)
    if not isinstance(offer, dict) or offer.get("thread") != thread.id:
        return None
    post_id = offer.get("post")
    return post_id if isinstance(post_id, int) else None
