"""Keeping the index in step: features call these in the transaction of a change."""

from collections.abc import Callable, Iterable
from datetime import datetime

from sqlalchemy import delete, select, update

from community.extensions import db
from community.search.models import SearchDocument, SearchTerm
from community.search.spelling import record_terms
from community.timezones import utcnow

MAX_BODY = 200_000  # PostgreSQL caps a tsvector at 1 MB; keep well inside it

# kind -> function yielding index_document keyword arguments for every live object
REINDEXERS: dict[str, Callable[[], Iterable[dict]]] = {}


def reindexer(kind: str) -> Callable:
    """Register the function that lists every searchable object of a kind."""

    def register(function: Callable) -> Callable:
        REINDEXERS[kind] = function
        return function

    return register


def index_document(
    kind: str,
    object_id: int,
    *,
    title: str,
    body: str,
    url: str,
    community_id: int | None,
    happened_at: datetime,
    solved: bool = False,
    author_id: int | None = None,
    parent_id: int | None = None,
    heading: str = "",
) -> SearchDocument:
    """Add or replace the document of one thread, reply, event, lesson, DPG or
    organisation, and add its words to the vocabulary of "did you mean"."""
    document = db.session.scalar(
        select(SearchDocument).where(
            SearchDocument.kind == kind, SearchDocument.object_id == object_id
        )
    )
    if document is None:
        document = SearchDocument(kind=kind, object_id=object_id)
        db.session.add(document)
    document.title = title[:300]
    document.body = body[:MAX_BODY]
    document.url = url
    document.community_id = community_id
    document.happened_at = happened_at
    document.solved = solved
    document.author_id = author_id
    document.parent_id = parent_id
    document.heading = heading[:300]
    document.updated_at = utcnow()
    db.session.flush()
    record_terms(community_id, document.title + " " + document.body)
    return document


def update_documents(kind: str, *conditions, **values) -> int:
    """Set `values` on the documents of a kind that meet `conditions`, in one
    UPDATE (no document is read); returns how many changed."""
    result = db.session.execute(
        update(SearchDocument)
        .where(SearchDocument.kind == kind, *conditions)
        .values(updated_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount


def remove_document(kind: str, object_id: int) -> None:
    """Take one thing out of the index (deleted, hidden, cancelled, unpublished)."""
    remove_documents(kind, [object_id])


def remove_documents(kind: str, object_ids) -> None:
    """Take several things of one kind out of the index (ids or a subquery)."""
    db.session.execute(
        delete(SearchDocument).where(
            SearchDocument.kind == kind, SearchDocument.object_id.in_(object_ids)
        )
    )


def reindex_all() -> dict[str, int]:
    """Rebuild the whole index from the feature tables; returns counts per kind."""
    db.session.execute(delete(SearchDocument))
    db.session.execute(delete(SearchTerm))
    counts = {}
    for kind, list_documents in REINDEXERS.items():
        counts[kind] = 0
        for values in list_documents():
            index_document(kind, **values)
            counts[kind] += 1
    if db.engine.dialect.name == "sqlite":
        db.session.execute(
            db.text("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        )
    return counts
