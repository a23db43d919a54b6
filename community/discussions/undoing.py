"""The "Post deleted — Undo" offer: which deletion the thread page offers to undo.

Kept in the signed session cookie (no table): the undo route checks the time
window and the person's rights again (permissions.can_undo_delete). The offer
also remembers whether the post was the accepted answer, so undoing gives the
mark back; an undo posted without the offer (another browser) restores the post
only.
"""

from flask import session

from community.discussions.permissions import UNDO_DELETE_WINDOW

UNDO_KEY = "undo_delete"
UNDO_MINUTES = int(UNDO_DELETE_WINDOW.total_seconds() // 60)


def offer_undo(post, was_answer: bool = False) -> None:
    """The thread page offers to undo this deletion (the last one only)."""
    offer = {"post": post.id, "thread": post.thread_id}
    if was_answer:
        offer["answer"] = True
    session[UNDO_KEY] = offer


def took_answer(post) -> bool:
    """Whether this person's deletion of the post took its accepted-answer mark."""
    offer = session.get(UNDO_KEY)
    if not isinstance(offer, dict) or offer.get("post") != post.id:
        return False
    return offer.get("answer") is True


def forget_undo() -> None:
    session.pop(UNDO_KEY, None)


def undo_offer(thread) -> int | None:
    """The post id the thread page offers to bring back, if any (no query)."""
    offer = session.get(UNDO_KEY)
    if not isinstance(offer, dict) or offer.get("thread") != thread.id:
        return None
    post_id = offer.get("post")
    return post_id if isinstance(post_id, int) else None
