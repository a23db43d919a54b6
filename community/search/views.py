"""/search: one box across threads, replies, events, lessons, DPGs and organisations.

A page of results is the same for everyone who may read the same communities,
so its HTML is stored per reading scope, address, language and zone under the
search version (site, lists and index: pagecache/versions.current_search); a
repeated search sends no search statement until a write renews it.
"""

from urllib.parse import urlencode

from flask import Blueprint, render_template, request
from flask_login import current_user
from sqlalchemy import select

from community.communities.models import Community
from community.extensions import db
from community.pagecache import versions
from community.pagecache.member_blocks import shared_block
from community.pagination import Page, requested_page
from community.search import engine, spelling
from community.search.filters import REMOVABLE, Filters, read_filters, without
from community.search.models import KINDS, PLURAL_KINDS
from community.search.query import ParsedQuery, QueryProblem, parse
from community.search.snippets import snippet

bp = Blueprint("search", __name__, cli_group="search")
PER_PAGE = 20


@bp.get("/search")
def search():
    raw = request.args.get("q", "")
    form, filters, community = read_filters(request.args, current_user)
    context = {"q": raw, "form": form, "filters": filters, "community": community}
    context |= {"kinds": KINDS, "plural_kinds": PLURAL_KINDS, "without": without}
    context |= {"removable": REMOVABLE, "count_cap": engine.COUNT_CAP}
    if form.errors:
        return render_template("search/results.html", **context), 400
    if not raw.strip():
        return render_template("search/results.html", **context)
    try:
        parsed = parse(raw)
    except QueryProblem as problem:
        page = render_template("search/results.html", problem=str(problem), **context)
        return page, 400
    block = shared_block(
        "search/_results.html",
        current_user,
        versions.current_search,
        urlencode(sorted(request.args.items(multi=True))),
        lambda: context | results(parsed, filters),
    )
    return render_template("search/results.html", results=block, **context)


def results(parsed: ParsedQuery, filters: Filters) -> dict:
    """The page of results, the communities they live in and, when nothing was
    found, a corrected query that finds something."""
    number = requested_page()
    rows, total = engine.search(parsed, current_user, filters, number, PER_PAGE)
    found = [(document, snippet(document.body, parsed)) for document, _rank in rows]
    page = Page(items=found, number=number, per_page=PER_PAGE, total=total)
    places = community_names({document.community_id for document, _rank in rows})
    suggestion = None
    if not total:
        suggestion = spelling.corrected(
            parsed,
            current_user,
            lambda query: engine.has_match(query, current_user, filters),
        )
    return {"page": page, "places": places, "suggestion": suggestion}


def community_names(ids: set) -> dict[int, Community]:
    """The communities the results live in, in one query."""
    ids.discard(None)
    if not ids:
        return {}
    found = db.session.scalars(select(Community).where(Community.id.in_(ids)))
    return {community.id: community for community in found}
