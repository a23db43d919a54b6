"""The search index: one row per searchable thing, kept in step by the features.

Threads, events and lessons each write a plain-text document here when they are
saved and remove it when they are deleted, hidden, cancelled or unpublished, in
the same transaction. The full-text machinery hangs off this one table:

- SQLite: an FTS5 external-content table (porter stemming) kept in step by triggers;
- PostgreSQL: a generated, weighted tsvector column with a GIN index.

Both are created by the migration and, for create_all() (tests), by DDL events.
"""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import DDL, ForeignKey, Index, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from community.extensions import db
from community.timezones import UTCDateTime, utcnow

KINDS = {"thread": _l("Discussion"), "event": _l("Event"), "lesson": _l("Lesson")}
# The filter links name the kinds in the plural; a word is never built from pieces.
PLURAL_KINDS = {
    "thread": _l("Discussions"),
    "event": _l("Events"),
    "lesson": _l("Lessons"),
}


class SearchDocument(db.Model):
    __tablename__ = "search_documents"
    __table_args__ = (
        UniqueConstraint("kind", "object_id"),
        Index("ix_search_documents_community_id", "community_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[int]
    # None for site-wide content; otherwise readable only where the community is.
    community_id: Mapped[int | None] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE")
    )
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(500))
    happened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    solved: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


SQLITE_DDL = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body,"
    " content='search_documents', content_rowid='id',"
    " tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_documents_ai AFTER INSERT ON search_documents BEGIN"
    " INSERT INTO search_fts(rowid, title, body)"
    " VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER search_documents_ad AFTER DELETE ON search_documents BEGIN"
    " INSERT INTO search_fts(search_fts, rowid, title, body)"
    " VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER search_documents_au AFTER UPDATE ON search_documents BEGIN"
    " INSERT INTO search_fts(search_fts, rowid, title, body)"
    " VALUES ('delete', old.id, old.title, old.body);"
    " INSERT INTO search_fts(rowid, title, body)"
    " VALUES (new.id, new.title, new.body); END",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_fts"]
POSTGRESQL_DDL = [
    "ALTER TABLE search_documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS"
    " (setweight(to_tsvector('english', coalesce(title, '')), 'A') ||"
    " setweight(to_tsvector('english', coalesce(body, '')), 'B')) STORED",
    "CREATE INDEX ix_search_documents_vector ON search_documents"
    " USING GIN (search_vector)",
]

for statement in SQLITE_DDL:
    event.listen(
        SearchDocument.__table__,
        "after_create",
        DDL(statement).execute_if(dialect="sqlite"),
    )
for statement in SQLITE_DROP:
    event.listen(
        SearchDocument.__table__,
        "before_drop",
        DDL(statement).execute_if(dialect="sqlite"),
    )
for statement in POSTGRESQL_DDL:
    event.listen(
        SearchDocument.__table__,
        "after_create",
        DDL(statement).execute_if(dialect="postgresql"),
    )


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic filter: the full-text objects are managed by hand, not autogenerate."""
    if type_ == "table" and name and name.startswith("search_fts"):
        return False
    if type_ == "column" and name == "search_vector":
        return False
    return not (type_ == "index" and name == "ix_search_documents_vector")
