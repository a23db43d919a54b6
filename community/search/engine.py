"""Running a parsed query on SQLite FTS5 or PostgreSQL full-text search.

Both engines answer the same question: documents matching the query that the
viewer may read, ranked or by date, one page at a time.
"""

from dataclasses import dataclass

from sqlalchemy import Select, column, func, literal_column, or_, select, table

from community.communities.models import Community
from community.communities.permissions import readable_community, visible_communities
from community.extensions import db
from community.search.models import KINDS, SearchDocument
from community.search.query import ParsedQuery

# The FTS5 table, declared only for joining (it is not a model).
FTS = table("search_fts", column("rowid"), column("search_fts"))


COUNT_CAP = 1000


@dataclass
class Filters:
    kind: str | None = None
    community_id: int | None = None
    solved_only: bool = False
    sort: str = "relevance"  # or "date"


def filters_from(args, viewer) -> tuple[Filters, Community | None]:
    """The filters in ?kind=&community=&solved=&sort= (the page and the API);
    a community the viewer may not read filters to nothing, as an unknown one."""
    slug = (args.get("community") or "")[:60]
    community = readable_community(slug, viewer)
    filters = Filters(
        kind=args.get("kind") if args.get("kind") in KINDS else None,
        community_id=community.id if community else (-1 if slug else None),
        solved_only=args.get("solved") in ("1", "true"),
        sort="date" if args.get("sort") == "date" else "relevance",
    )
    return filters, community


def readable_by(viewer):
    """Documents the viewer may read: site-wide ones and visible communities' ones."""
    visible_ids = select(Community.id).where(visible_communities(viewer))
    return or_(
        SearchDocument.community_id.is_(None),
        SearchDocument.community_id.in_(visible_ids),
    )


def apply_filters(query: Select, filters: Filters, viewer) -> Select:
    query = query.where(readable_by(viewer))
    if filters.kind:
        query = query.where(SearchDocument.kind == filters.kind)
    if filters.community_id:
        query = query.where(SearchDocument.community_id == filters.community_id)
    if filters.solved_only:
        query = query.where(
            SearchDocument.kind == "thread", SearchDocument.solved.is_(True)
        )
    return query


def matching(parsed: ParsedQuery) -> tuple[Select, object]:
    """A select of matching documents and its rank expression (higher is better)."""
    if db.engine.dialect.name == "postgresql":
        tsquery = func.websearch_to_tsquery(
            literal_column("'english'::regconfig"), parsed.websearch()
        )
        vector = literal_column("search_documents.search_vector")
        rank = func.ts_rank_cd(vector, tsquery)
        query = select(SearchDocument, rank.label("rank")).where(
            vector.op("@@")(tsquery)
        )
        return query, rank
    # bm25() is lower for better matches; title hits weigh ten times a body hit.
    rank = -literal_column("bm25(search_fts, 10.0, 1.0)")
    query = (
        select(SearchDocument, rank.label("rank"))
        .join(FTS, FTS.c.rowid == SearchDocument.id)
        .where(FTS.c.search_fts.op("MATCH")(parsed.fts5()))
    )
    return query, rank


def search(
    parsed: ParsedQuery, viewer, filters: Filters, page: int, per_page: int = 20
) -> tuple[list[tuple[SearchDocument, float]], int]:
    """One page of results with the total count."""
    query, rank = matching(parsed)
    query = apply_filters(query, filters, viewer)
    # Counting stops at COUNT_CAP: past that the exact number helps nobody and
    # costs a scan of every match.
    capped = query.order_by(None).limit(COUNT_CAP).subquery()
    total = db.session.scalar(select(func.count()).select_from(capped))
    if filters.sort == "date":
        query = query.order_by(
            SearchDocument.happened_at.desc(), SearchDocument.id.desc()
        )
    else:
        query = query.order_by(rank.desc(), SearchDocument.happened_at.desc())
    rows = db.session.execute(query.limit(per_page).offset((page - 1) * per_page)).all()
    return [(row[0], row[1]) for row in rows], total or 0
