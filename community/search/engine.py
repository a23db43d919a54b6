"""Running a parsed query on SQLite FTS5 or PostgreSQL full-text search.

Both engines answer the same question: documents matching the query that the
viewer may read, ranked or by date, one page at a time. Neither ranks every
match of a broad query (issue 22):

- Both rank a bounded candidate set once a query is broad (COUNT_CAP matches
  or more): title matches and the newest matches, up to CANDIDATES, found
  along the date index with the filters applied. PostgreSQL ranks it with
  ts_rank_cd (the title through an expression GIN index), SQLite with bm25
  over those rows only (scoring all 18,000 matches of two common words was
  three quarters of the page's time).
- SQLite, a narrower query: FTS5 ranks inside the match (bm25 with ORDER BY
  and LIMIT on the FTS table alone, reading no document row), and only that
  window is joined, filtered and tie-broken; a window the filters empty grows
  until the page is full, so the answer is the same as ranking everything.
"""

from sqlalchemy import Select, column, func, literal_column, select, table, union

from community.extensions import db
from community.search.filters import Filters, apply_filters
from community.search.models import SearchDocument
from community.search.query import ParsedQuery

# The FTS5 table, declared only for joining (it is not a model).
FTS = table("search_fts", column("rowid"), column("search_fts"))

COUNT_CAP = 1000
CANDIDATES = 200  # ranked per query at first (SQLite: a window that may grow)


def is_postgresql() -> bool:
    return db.engine.dialect.name == "postgresql"


def tsquery(parsed: ParsedQuery):
    return func.websearch_to_tsquery(
        literal_column("'english'::regconfig"), parsed.websearch()
    )


VECTOR = literal_column("search_documents.search_vector")


def matching(parsed: ParsedQuery) -> Select:
    """The ids of the documents matching the query. On SQLite the FTS table is
    joined, not probed with IN: a LIMIT then stops the scan early, where IN
    first builds the whole match set (two common words: 26 ms -> 1 ms to count
    the first COUNT_CAP)."""
    if is_postgresql():
        return select(SearchDocument.id).where(VECTOR.op("@@")(tsquery(parsed)))
    return fts_joined(parsed.fts5())


def search(
    parsed: ParsedQuery, viewer, filters: Filters, page: int, per_page: int = 20
) -> tuple[list[tuple[SearchDocument, float]], int]:
    """One page of results with the total count (capped at COUNT_CAP)."""
    matches = apply_filters(matching(parsed), filters, viewer)
    # Counting stops at COUNT_CAP: past that the exact number helps nobody and
    # costs a scan of every match.
    capped = matches.limit(COUNT_CAP).subquery()
    total = db.session.scalar(select(func.count()).select_from(capped)) or 0
    offset = (page - 1) * per_page
    if not total or offset >= total:
        return [], total
    # A broad query (COUNT_CAP matches or more) finds its newest matches by
    # walking the date index, testing each document, rather than fetching every
    # match to sort them: with that many matches the walk stops early.
    broad = total >= COUNT_CAP
    newest = walked(parsed, filters, viewer) if broad else matches
    if filters.sort == "newest":
        rows = by_date(newest, offset, per_page)
    elif is_postgresql():
        rows = ranked_postgresql(parsed, filters, viewer, newest, offset, per_page)
    elif broad:
        rows = ranked_sqlite_candidates(
            parsed, filters, viewer, newest, offset, per_page
        )
    else:
        rows = ranked_sqlite(parsed, filters, viewer, offset, per_page, total)
    return rows, total


def has_match(parsed: ParsedQuery, viewer, filters: Filters) -> bool:
    """Whether the query finds anything the viewer may read (one row at most)."""
    query = apply_filters(matching(parsed), filters, viewer)
    return db.session.scalar(query.limit(1)) is not None


def walked(parsed: ParsedQuery, filters: Filters, viewer) -> Select:
    """The matches, written so that the database tests each document it reads
    rather than collecting every match from the full-text index first; ordered
    by date, it walks ix_search_documents_by_date and stops at the LIMIT."""
    # PostgreSQL: the function behind @@, the same test the GIN index cannot serve.
    # SQLite: the FTS5 match is read once into a set, probed along the index
    # (id + 0 keeps the planner from looking the matches up by id instead).
    if is_postgresql():
        condition = func.ts_match_vq(VECTOR, tsquery(parsed))
    else:
        condition = (SearchDocument.id + 0).in_(fts_match(parsed.fts5()))
    query = select(SearchDocument.id).where(condition)
    return apply_filters(query, filters, viewer)


def by_date(matches: Select, offset: int, per_page: int) -> list:
    query = matches.add_columns(literal_column("0.0").label("rank")).order_by(
        SearchDocument.happened_at.desc(), SearchDocument.id.desc()
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
            .where(fts_matches(parsed.fts5()))
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


def fts_matches(expression: str):
    """The condition that a row of the FTS table matches an FTS5 expression."""
    return FTS.c.search_fts.op("MATCH")(expression)


def fts_match(expression: str):
    """The ids of the documents matching an FTS5 expression (SQLite)."""
    return select(FTS.c.rowid).where(fts_matches(expression))


def fts_joined(expression: str) -> Select:
    """The same ids, with the FTS table joined to the documents (see matching)."""
    joined = select(SearchDocument.id).join(FTS, FTS.c.rowid == SearchDocument.id)
    return joined.where(fts_matches(expression))


def ranked_sqlite_candidates(parsed, filters, viewer, newest, offset, per_page):
    """bm25 over the newest title matches and the newest matches (a broad
    query's candidates, filtered), the window growing (x4) while a page is
    short and the candidates were cut. rowid + 0 keeps FTS5 from looking each
    candidate up through the whole match; it filters the match instead."""
    window = candidate_window(offset, per_page)
    newest_first = (SearchDocument.happened_at.desc(), SearchDocument.id.desc())
    in_title = title_matches(parsed, filters, viewer)
    while True:
        # Each half in a subquery of its own: SQLite refuses LIMIT in a UNION arm.
        halves = [
            part.order_by(*newest_first).limit(window // 2).subquery()
            for part in (in_title, newest)
        ]
        candidates = union(*(select(half.c.id) for half in halves)).subquery()
        score = literal_column("bm25(search_fts, 10.0, 1.0)")
        top = (
            select(FTS.c.rowid.label("id"), score.label("score"))
            .where(fts_matches(parsed.fts5()))
            .where((FTS.c.rowid + 0).in_(select(candidates.c.id)))
            .subquery("top")
        )
        query = (
            select(SearchDocument.id, (-top.c.score).label("rank"))
            .join(top, top.c.id == SearchDocument.id)
            .order_by(top.c.score, *newest_first)
        )
        rows = _page(query, offset, per_page)
        if len(rows) == per_page or window >= COUNT_CAP * 4:
            return with_documents(rows)
        window *= 4


def title_matches(parsed: ParsedQuery, filters: Filters, viewer) -> Select:
    """The documents whose title holds the query (SQLite), from the title's
    own matches: walking the date index instead read every document when few
    titles matched. A title match is a match, unless a word is excluded: the
    body must lack it too, so only then is each one tested whole."""
    expression = f"{{title}} : ({parsed.fts5()})"
    found = apply_filters(fts_joined(expression), filters, viewer)
    if parsed.excluded:
        found = found.where((SearchDocument.id + 0).in_(fts_match(parsed.fts5())))
    return found


def candidate_window(offset: int, per_page: int) -> int:
    """Pages within the first CANDIDATES share one candidate set; a deeper
    page takes twice its depth."""
    depth = offset + per_page
    return CANDIDATES if depth <= CANDIDATES else 2 * depth


def fts_match_count(parsed: ParsedQuery) -> int:
    """Every match, visible or not: the FTS index alone answers it."""
    query = select(func.count()).where(fts_matches(parsed.fts5()))
    return db.session.scalar(query.select_from(FTS)) or 0


def title_vector():
    # The expression of the GIN index ix_search_documents_title_vector.
    return func.to_tsvector(
        literal_column("'english'::regconfig"), SearchDocument.title
    )


def ranked_postgresql(parsed, filters, viewer, newest, offset, per_page) -> list:
    """ts_rank_cd over title matches and the newest matches, not every match (a
    broad query matches thousands; ranking detoasts each one's vector). Pages
    within the first CANDIDATES share one candidate set; a deeper page ranks
    twice its depth, still never every match."""
    window = candidate_window(offset, per_page)
    # Found through the title's index alone, each then tested whole (an
    # excluded word may sit in the body).
    in_title = walked(parsed, filters, viewer).where(
        title_vector().op("@@")(tsquery(parsed))
    )
    candidates = union(
        in_title.limit(window // 2),
        newest.order_by(SearchDocument.happened_at.desc()).limit(window // 2),
    ).subquery()
    rank = func.ts_rank_cd(VECTOR, tsquery(parsed))
    query = select(SearchDocument.id, rank.label("rank")).where(
        SearchDocument.id.in_(select(candidates.c.id))
    )
    order = [rank.desc(), SearchDocument.happened_at.desc(), SearchDocument.id.desc()]
    query = query.order_by(*order)
    return with_documents(_page(query, offset, per_page))  # bodies: the page's only
