"""The search index of the benchmark data: search_documents, filled last.

The thread and event seeders (bench/seed_content.py) leave their documents in
ctx.documents, built with each feature's own document_of(); lessons are read
back through the ORM. Rows are bulk-inserted; on SQLite the row-by-row FTS5
insert trigger is dropped meanwhile, the external-content table rebuilt once
(`INSERT INTO search_fts(search_fts) VALUES ('rebuild')`) and the trigger put
back. On PostgreSQL the generated tsvector column fills itself.
"""

from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session, selectinload

from bench.seeding import SeedContext, seeder


def lesson_documents(ctx: SeedContext) -> list[dict]:
    """Published lessons through learnings' own document_of (ORM reads)."""
    from community.learnings.indexing import document_of
    from community.learnings.models import Lesson, LessonVersion

    version = selectinload(Lesson.published_version)
    query = (
        select(Lesson)
        .where(Lesson.published_version_id.is_not(None))
        .options(
            version.selectinload(LessonVersion.countries),
            version.selectinload(LessonVersion.dpgs),
        )
        .order_by(Lesson.id)
    )
    with Session(bind=ctx.connection) as session:
        lessons = session.scalars(query)
        return [document_of(lesson) | {"kind": "lesson"} for lesson in lessons]


@seeder("search", "search_documents")
def seed_search(ctx: SeedContext) -> int:
    from community.search.indexing import MAX_BODY
    from community.search.models import SQLITE_DDL

    documents = ctx.documents.get("thread", []) + ctx.documents.get("event", [])
    if "lessons" in inspect(ctx.connection).get_table_names():
        documents += lesson_documents(ctx)
    rows = [
        document
        | {
            "id": number,
            "title": document["title"][:300],
            "body": document["body"][:MAX_BODY],
            "solved": document.get("solved", False),
            "author_id": document.get("author_id"),
            "parent_id": document.get("parent_id"),
            "heading": document.get("heading", ""),
            "updated_at": ctx.now,
        }
        for number, document in enumerate(documents, start=1)
    ]
    sqlite = ctx.connection.dialect.name == "sqlite"
    if sqlite:  # index once, after the rows, instead of row by row
        ctx.connection.execute(text("DROP TRIGGER IF EXISTS search_documents_ai"))
    ctx.insert("search_documents", rows)
    if sqlite:
        ctx.connection.execute(
            text("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        )
        ctx.connection.execute(text(SQLITE_DDL[1]))
    ctx.targets["search_query"] = "data+stewardship"
    ctx.targets["search_rare_query"] = "sofia"  # a first name: in about 130 documents
    return len(rows)
