"""One pagination for every list: page numbers from ?page=, bad values clamp."""

from dataclasses import dataclass

from flask import request
from sqlalchemy import Select, func, select

from community.extensions import db

MAX_PAGE = 10_000


@dataclass
class Page:
    items: list
    number: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def requested_page() -> int:
    raw = request.args.get("page", "1")
    return min(int(raw), MAX_PAGE) if raw.isdigit() and int(raw) > 0 else 1


def paginate(
    query: Select, per_page: int = 20, number: int | None = None, one_query=False
) -> Page:
    """Run a select for one page, with the total count (two queries).

    one_query=True sends the count inside the page's own query (a second query
    only when the page is empty).
    """
    number = number or requested_page()
    if one_query:
        found = counted_page(query, per_page, number)
        if found is not None:
            return found
    total = db.session.scalar(
        select(func.count()).select_from(query.order_by(None).subquery())
    )
    items = db.session.scalars(
        query.limit(per_page).offset((number - 1) * per_page)
    ).all()
    return Page(items=list(items), number=number, per_page=per_page, total=total or 0)


def counted_page(query: Select, per_page: int, number: int) -> Page | None:
    """One query: the page's rows, each carrying the total as an uncorrelated
    scalar subquery (computed once, from the indexes, like the usual count; a
    window function would sort every matching row instead)."""
    total = (
        select(func.count())
        .select_from(query.order_by(None).subquery())
        .scalar_subquery()
        .label("total_rows")
    )
    rows = db.session.execute(
        query.add_columns(total).limit(per_page).offset((number - 1) * per_page)
    ).all()
    if not rows:
        return None  # past the end (or nothing at all): count the usual way
    items = [row[0] for row in rows]
    return Page(items=items, number=number, per_page=per_page, total=rows[0][-1])
