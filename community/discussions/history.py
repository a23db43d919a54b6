"""A post's edit history: who changed what, when, as word diffs."""

from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup
from sqlalchemy import select

from community.discussions.models import Post, PostRevision
from community.extensions import db
from community.text import word_diff


@dataclass
class Edit:
    editor_name: str
    edited_at: datetime
    diff: Markup  # the text before this edit against the text it left


@dataclass
class PostHistory:
    edits: list[Edit]  # newest first
    first_text: Markup  # the post as first written (rendered)


def revisions_of(post: Post) -> list[PostRevision]:
    """Earlier versions of the post, oldest first (one query)."""
    query = (
        select(PostRevision)
        .where(PostRevision.post_id == post.id)
        .order_by(PostRevision.created_at, PostRevision.id)
    )
    return list(db.session.scalars(query))


def post_history(post: Post) -> PostHistory:
    """Each revision keeps the text one edit replaced, and who made that edit."""
    revisions = revisions_of(post)
    later = [revision.body_source for revision in revisions[1:]] + [post.body_source]
    later = later[: len(revisions)]  # no revisions: nothing was replaced
    edits = [
        Edit(old.editor_name, old.created_at, word_diff(old.body_source, new))
        for old, new in zip(revisions, later, strict=True)
    ]
    first = revisions[0].body if revisions else post.body
    return PostHistory(edits=edits[::-1], first_text=first)
