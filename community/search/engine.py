"""Running a parsed query on SQLite FTS5 or PostgreSQL full-text search.

Both engines answer the same question: documents matching the query that the
viewer may read, ranked or by date, one page at a time. Neither ranks every
match of a broad query (issue 22):

- SQLite: FTS5 ranks inside the match (bm25 with ORDER BY and LIMIT on the FTS
  table alone, reading no document row), and only that window of candidates is
  joined, filtered and tie-broken; a window the filters empty grows until the
  page is full, so the answer is the same as ranking everything.
- PostgreSQL: ts_rank_cd ranks a bounded candidate set: every title match (an
  expression GIN index on the title) and the newest body matches, up to
  CANDIDATES; deeper pages than that rank every match.
"""

from sqlalchemy import Select, column, func, literal_column, select, table, union

from community.extensions import db
from community.search.filters import Filters, apply_filters
from community.search.models import SearchDocument
from community.search.query import ParsedQuery

# The FTS5 table, declared only for joining (it is not a model).
FTS = table("search_fts", column("rowid"), column("search_fts"))

COUNT_CAP = 1000
CANDIDATES = 500  # ranked per query at first (SQLite: a window that may grow)


def is_postgresql() -> bool:
    return db.engine.dialect.name == "postgresql"


def tsquery(parsed: ParsedQuery):
    return func.websearch_to_tsquery(
        literal_column("'english'::regconfig"), parsed.websearch()
    )


VECTOR = literal_column("search_documents.search_vector")


def match_condition(parsed: ParsedQuery):
    if is_postgresql():
        return VECTOR.op("@@")(tsquery(parsed))
    return SearchDocument.id.in_(
        select(FTS.c.rowid).where(FTS.c.search_fts.op("MATCH")(parsed.fts5()))
    )


def search(
    parsed: ParsedQuery, viewer, filters: Filters, page: int, per_page: int = 20
) -> tuple[list[tuple[SearchDocument, float]], int]:
    """One page of results with the total count (capped at COUNT_CAP)."""
    matches = apply_filters(
        select(SearchDocument.id).where(match_condition(parsed)), filters, viewer
    )
    # Counting stops at COUNT_CAP: past that the exact number helps nobody and
    # costs a scan of every match.
    capped = matches.limit(COUNT_CAP).subquery()
    total = db.session.scalar(select(func.count()).select_from(capped)) or 0
    offset = (page - 1) * per_page
    if not total or offset >= total:
        return [], total
    if filters.sort == "newest":
        rows = by_date(matches, offset, per_page)
    elif is_postgresql():
        rows = ranked_postgresql(parsed, matches, offset, per_page)
    else:
        rows = ranked_sqlite(parsed, filters, viewer, offset, per_page, total)
    return rows, total


def has_match(parsed: ParsedQuery, viewer, filters: Filters) -> bool:
    """Whether the query finds anything the viewer may read (one row at most)."""
    query = apply_filters(
        select(SearchDocument.id).where(match_condition(parsed)), filters, viewer
    )
    return db.session.scalar(query.limit(1)) is not None


def by_date(matches: Select, offset: int, per_page: int) -> list:
    ids = matches.order_by(None).scalar_subquery()
    query = (
        select(SearchDocument.id, literal_column("0.0").label("rank"))
        .where(SearchDocument.id.in_(ids))
        .order_by(SearchDocument.happened_at.desc(), SearchDocument.id.desc())
    )
    return with_documents(_page(query, offset, per_page))  # bodies: the page's only


def _page(query: Select, offset: int, per_page: int) -> list:
    rows = db.session.execute(query.limit(per_page).offset(offset)).all()
    return [(row[0], row[1]) for row in rows]


def with_documents(ranked: list[tuple[int, float]]) -> list:
    """(id, rank) pairs as (document, rank), in the same order, in one query."""
    if not ranked:
        return []
    ids = [document_id for document_id, _rank in ranked]
    found = db.session.scalars(select(SearchDocument).where(SearchDocument.id.in_(ids)))
    documents = {document.id: document for document in found}
    return [(documents[document_id], rank) for document_id, rank in ranked]


def ranked_sqlite(parsed, filters, viewer, offset, per_page, total) -> list:
    """bm25's best `window` matches from FTS5 alone, then filtered; the window
    grows (x4) while the visibility rule leaves the page short and matches
    remain. A narrowing filter (type, author, tag, dates ...) ranks every match
    in one pass instead: it would empty window after window (a reply has no
    title, so the best 500 of a broad query are often all threads)."""
    window = None if filters.is_narrowed() else max(CANDIDATES, 2 * (offset + per_page))
    while True:
        # bm25() is lower for better matches; title hits weigh ten times a body hit.
        score = literal_column("bm25(search_fts, 10.0, 1.0)")
        top = (
            select(FTS.c.rowid.label("id"), score.label("score"))
            .where(FTS.c.search_fts.op("MATCH")(parsed.fts5()))
            .order_by(score)
            .limit(window if window else -1)  # -1: SQLite's "no limit"
            .subquery("top")
        )
        # Ids first: filters and the tie-break read the listing index, not the
        # rows with their bodies; only the page's documents are loaded.
        query = apply_filters(
            select(SearchDocument.id, (-top.c.score).label("rank")).join(
                top, top.c.id == SearchDocument.id
            ),
            filters,
            viewer,
        ).order_by(top.c.score, SearchDocument.happened_at.desc())
        rows = with_documents(_page(query, offset, per_page))
        if window is None or len(rows) == per_page or offset + len(rows) >= total:
            return rows
        if window >= fts_match_count(parsed):
            return rows
        window *= 4


def fts_match_count(parsed: ParsedQuery) -> int:
    """Every match, visible or not: the FTS index alone answers it."""
    query = select(func.count()).where(FTS.c.search_fts.op("MATCH")(parsed.fts5()))
    return db.session.scalar(query.select_from(FTS)) or 0


def title_vector():
    # The expression of the GIN index ix_search_documents_title_vector.
    return func.to_tsvector(
        literal_column("'english'::regconfig"), SearchDocument.title
    )


def ranked_postgresql(parsed, matches: Select, offset: int, per_page: int) -> list:
    """ts_rank_cd over title matches and the newest body matches, not every match
    (a broad query matches thousands; ranking detoasts each one's vector)."""
    rank = func.ts_rank_cd(VECTOR, tsquery(parsed))
    query = select(SearchDocument, rank.label("rank"))
    if offset + per_page <= CANDIDATES:
        newest = matches.order_by(SearchDocument.happened_at.desc())
        in_title = matches.where(title_vector().op("@@")(tsquery(parsed)))
        candidates = union(
            in_title.limit(CANDIDATES // 2), newest.limit(CANDIDATES // 2)
        ).subquery()
        query = query.where(SearchDocument.id.in_(select(candidates.c.id)))
    else:
        query = query.where(SearchDocument.id.in_(matches.scalar_subquery()))
    order = [rank.desc(), SearchDocument.happened_at.desc(), SearchDocument.id.desc()]
    return _page(query.order_by(*order), offset, per_page)
