"""/search: one box across threads, events and lessons."""

from flask import Blueprint, render_template, request
from flask_login import current_user
from sqlalchemy import select

from community.communities.models import Community
from community.extensions import db
from community.pagination import Page, requested_page
from community.search import engine
from community.search.models import KINDS, PLURAL_KINDS
from community.search.query import QueryProblem, parse
from community.search.snippets import snippet

bp = Blueprint("search", __name__, cli_group="search")
PER_PAGE = 20


def requested_filters() -> tuple[engine.Filters, Community | None]:
    return engine.filters_from(request.args, current_user)


@bp.get("/search")
def search():
    raw = request.args.get("q", "")
    filters, community = requested_filters()
    context = {
        "q": raw,
        "filters": filters,
        "community": community,
        "kinds": KINDS,
        "plural_kinds": PLURAL_KINDS,
    }
    context["count_cap"] = engine.COUNT_CAP
    if not raw.strip():
        return render_template("search/results.html", **context)
    try:
        parsed = parse(raw)
    except QueryProblem as problem:
        return render_template(
            "search/results.html", problem=str(problem), **context
        ), 400
    number = requested_page()
    rows, total = engine.search(parsed, current_user, filters, number, PER_PAGE)
    results = [(document, snippet(document.body, parsed)) for document, _rank in rows]
    page = Page(items=results, number=number, per_page=PER_PAGE, total=total)
    places = community_names({document.community_id for document, _rank in rows})
    return render_template("search/results.html", page=page, places=places, **context)


def community_names(ids: set) -> dict[int, Community]:
    """The communities the results live in, in one query."""
    ids.discard(None)
    if not ids:
        return {}
    found = db.session.scalars(select(Community).where(Community.id.in_(ids)))
    return {community.id: community for community in found}
