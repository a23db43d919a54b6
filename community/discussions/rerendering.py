"""Rendering stored posts again after the renderer changed (flask posts rerender).

A post's HTML is rendered once, when it is saved, and stored beside its
Markdown. When community/text.py changes what it makes (bare addresses became
links, say), older posts keep the old HTML until this renders each source
again. Only posts whose HTML differs are written, so a second run changes
nothing; a post edited meanwhile keeps its edit (the write checks its version).
"""

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import case, select, tuple_, update

from community.discussions.models import Post
from community.discussions.posting import PostingRefused, render_body
from community.extensions import db


@dataclass
class Rerendered:
    """What a run (or one batch of it) found."""

    checked: int = 0
    changed: int = 0
    refused: int = 0  # the renderer refuses the source now: the old HTML stays
    last_id: int = 0

    def add(self, batch: "Rerendered") -> None:
        self.checked += batch.checked
        self.changed += batch.changed
        self.refused += batch.refused
        self.last_id = batch.last_id


def rerender_batch(after_id: int, size: int) -> Rerendered:
    """Render the next `size` posts after `after_id` again; store what differs."""
    query = (
        select(Post.id, Post.version, Post.body_source, Post.body_html)
        .where(Post.id > after_id)
        .order_by(Post.id)
        .limit(size)
    )
    rows = db.session.execute(query).all()
    batch = Rerendered(checked=len(rows), last_id=rows[-1].id if rows else after_id)
    fresh: dict[tuple[int, int], str] = {}
    for row in rows:
        try:
            html, _mentioned = render_body(row.body_source)  # no author: no caps
        except PostingRefused:
            batch.refused += 1
            continue
        if html != row.body_html:
            fresh[(row.id, row.version)] = html
    if fresh:
        batch.changed = _store(fresh)
    return batch


def _store(fresh: dict[tuple[int, int], str]) -> int:
    """One UPDATE for the batch, each row only at the version that was read."""
    statement = (
        update(Post)
        .where(tuple_(Post.id, Post.version).in_(list(fresh)))
        .values(
            body_html=case({key[0]: html for key, html in fresh.items()}, value=Post.id)
        )
        .execution_options(synchronize_session=False)
    )
    return db.session.execute(statement).rowcount


def rerender_batches(size: int) -> Iterator[Rerendered]:
    """Every post, a batch at a time; the caller commits after each batch."""
    after_id = 0
    while True:
        batch = rerender_batch(after_id, size)
        if not batch.checked:
            return
        yield batch
        after_id = batch.last_id
