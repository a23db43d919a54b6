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

KINDS = {
    "thread": _l("Discussion"),
    "post": _l("Reply"),
    "event": _l("Event"),
    "lesson": _l("Lesson"),
    "dpg": _l("Digital public good"),
    "organisation": _l("Organisation"),
}
# The filter links name the kinds in the plural; a word is never built from pieces.
PLURAL_KINDS = {
    "thread": _l("Discussions"),
    "post": _l("Replies"),
    "event": _l("Events"),
    "lesson": _l("Lessons"),
    "dpg": _l("Digital public goods"),
    "organisation": _l("Organisations"),
}


class SearchDocument(db.Model):
    __tablename__ = "search_documents"
    __table_args__ = (
        UniqueConstraint("kind", "object_id"),
        Index("ix_search_documents_community_id", "community_id"),
        # Ranking and filtering read these without the large body (SQLite keeps
        # columns in row order, and happened_at sits after the body).
        Index("ix_search_documents_author_id", "author_id"),
        Index("ix_search_documents_parent_id", "parent_id"),
        Index(
            "ix_search_documents_listing",
            "id",
            "community_id",
            "kind",
            "solved",
            "happened_at",
        ),
        # The newest first without sorting every match (sort=newest, and the
        # newest candidates of a broad query): search/engine.py.
        Index(
            "ix_search_documents_by_date",
            "happened_at",
            "id",
            "community_id",
            "kind",
            "solved",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[int]
    # None for site-wide content; otherwise readable only where the community is.
    community_id: Mapped[int | None] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE")
    )
    # Who wrote it (the author filter); None for DPGs, organisations, the deleted.
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    # A reply's thread, so a thread's move, retitle or hide reaches its replies.
    parent_id: Mapped[int | None]
    title: Mapped[str] = mapped_column(String(300))  # indexed; "" for a reply
    # What a result is called when its title is not indexed (a reply: its thread).
    heading: Mapped[str] = mapped_column(String(300), default="", server_default="")
    body: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(500))
    happened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    solved: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def display_title(self) -> str:
        return self.title or self.heading


class SearchTerm(db.Model):
    """The indexed vocabulary, for "did you mean": a word and where it was seen
    (scope: a community's id, 0 for site-wide documents), so a suggestion only
    ever comes from places the reader can see. Words of removed documents may
    linger; a suggestion is only shown when it finds something (search/spelling.py)."""

    __tablename__ = "search_terms"

    term: Mapped[str] = mapped_column(String(40), primary_key=True)
    scope: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)


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
TITLE_VECTOR_INDEX = (
    "CREATE INDEX ix_search_documents_title_vector ON search_documents"
    " USING GIN (to_tsvector('english'::regconfig, title))"
)
POSTGRESQL_DDL = [
    "ALTER TABLE search_documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS"
    " (setweight(to_tsvector('english', coalesce(title, '')), 'A') ||"
    " setweight(to_tsvector('english', coalesce(body, '')), 'B')) STORED",
    "CREATE INDEX ix_search_documents_vector ON search_documents"
    " USING GIN (search_vector)",
    # Title matches for the bounded ranking (search/engine.py); same expression.
    TITLE_VECTOR_INDEX,
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
    return not (type_ == "index" and name in HAND_MADE_INDEXES)


HAND_MADE_INDEXES = ("ix_search_documents_vector", "ix_search_documents_title_vector")
