"""Keeping the index in step: features call these in the transaction of a change."""

from collections.abc import Callable, Iterable
from datetime import datetime

from sqlalchemy import delete, func, select, update

from community.extensions import db
from community.search.models import SearchDocument
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
) -> SearchDocument:
    """Add or replace the document of one thread, event or lesson."""
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
    document.updated_at = utcnow()
    db.session.flush()
    return document


def append_to_document(kind: str, object_id: int, text: str, **changes) -> bool:
    """Add text to the end of a document's body (and set `changes`) in one
    UPDATE; False when the object has no document yet."""
    body = SearchDocument.body.concat("\n\n" + text) if text else SearchDocument.body
    result = db.session.execute(
        update(SearchDocument)
        .where(SearchDocument.kind == kind, SearchDocument.object_id == object_id)
        .values(body=func.substr(body, 1, MAX_BODY), updated_at=utcnow(), **changes)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def remove_document(kind: str, object_id: int) -> None:
    """Take one thing out of the index (deleted, hidden, cancelled, unpublished)."""
    db.session.execute(
        delete(SearchDocument).where(
            SearchDocument.kind == kind, SearchDocument.object_id == object_id
        )
    )


def reindex_all() -> dict[str, int]:
    """Rebuild the whole index from the feature tables; returns counts per kind."""
    db.session.execute(delete(SearchDocument))
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
