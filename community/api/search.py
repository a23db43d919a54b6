"""Search across threads, events and lessons, as /search does."""

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from community.api.access import refuse
from community.api.auth import api_limited
from community.api.pagination import decode_cursor, next_link, page_schema
from community.search import engine
from community.search.filters import read_filters
from community.search.models import KINDS
from community.search.query import QueryProblem, parse
from community.search.snippets import snippet

blp = Blueprint("api_search", __name__, description=_l("One search across the hub."))
api_limited(blp)
PER_PAGE = 20


class SearchArgs(Schema):
    q = fields.String(required=True, validate=validate.Length(min=1, max=500))
    type = fields.String(validate=validate.OneOf(list(KINDS)))
    kind = fields.String(  # the older name of `type`, kept for existing clients
        validate=validate.OneOf(list(KINDS)), metadata={"deprecated": True}
    )
    community = fields.String(validate=validate.Length(max=60))
    author = fields.String(validate=validate.Length(max=80))
    tag = fields.String(validate=validate.Length(max=30))
    date_from = fields.Date(data_key="from")
    date_to = fields.Date(data_key="to")
    country = fields.String(validate=validate.Length(max=2))
    dpg = fields.String(validate=validate.Length(max=100))
    solved = fields.Boolean()
    sort = fields.String(validate=validate.OneOf(["relevance", "newest", "date"]))
    cursor = fields.String(validate=validate.Length(max=200))


class ResultSchema(Schema):
    kind = fields.String(required=True, metadata={"enum": list(KINDS)})
    id = fields.Integer(attribute="object_id", required=True)
    title = fields.String(required=True)
    url = fields.String(required=True)
    happened_at = fields.DateTime(allow_none=True, required=True)
    snippet = fields.String(required=True)


@blp.get("/search")
@blp.arguments(SearchArgs, location="query")
@blp.response(200, page_schema(ResultSchema, "SearchPage"))
def search(args):
    """Matches you may read, best first (or newest first with sort=date)."""
    try:
        parsed = parse(args["q"])
    except QueryProblem as problem:
        refuse(problem, 400)
    form, filters, _community = read_filters(request.args, current_user)
    if form.errors:
        refuse(ValueError(first_error(form)), 400)
    number = decode_cursor(args.get("cursor")) or 1
    if type(number) is not int or not 1 <= number <= 50:
        refuse(ValueError(_("That cursor is not one this API handed out.")), 400)
    rows, total = engine.search(parsed, current_user, filters, number, PER_PAGE)
    results = [
        {**document_fields(document), "snippet": snippet(document.body, parsed)}
        for document, _rank in rows
    ]
    more = number * PER_PAGE < total and number < 50
    return {"items": results, "next": next_link(number + 1) if more else None}


def document_fields(document) -> dict:
    return {
        "kind": document.kind,
        "object_id": document.object_id,
        "title": document.display_title,
        "url": document.url,
        "happened_at": document.happened_at,
    }


def first_error(form) -> str:
    """The first failing filter, by its query-string name."""
    failed = next(field for field in form if field.errors)
    return f"{failed.name}: {failed.errors[0]}"
