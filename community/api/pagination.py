"""Cursor pagination: opaque cursors over a stable order, and a `next` link.

A cursor is the sort key of the last item sent, so pages never skip or repeat
rows when others are added meanwhile, and no OFFSET scan grows with depth.
"""

import base64
import binascii
import json

from flask import abort, g, request, url_for
from flask_babel import gettext as _
from marshmallow import Schema, fields, validate

DEFAULT_LIMIT = 25
MAX_LIMIT = 100


class PageArgs(Schema):
    limit = fields.Integer(
        load_default=DEFAULT_LIMIT, validate=validate.Range(min=1, max=MAX_LIMIT)
    )
    cursor = fields.String(
        validate=validate.Length(max=200),
        metadata={"description": "The `next` cursor of the previous page"},
    )


def page_schema(item_schema: type[Schema], name: str) -> type[Schema]:
    """A list response: items and the URL of the next page (null at the end)."""
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item_schema), required=True),
            "next": fields.String(
                required=True, allow_none=True, metadata={"format": "uri"}
            ),
        },
        name=name,
    )


def encode_cursor(value) -> str:
    raw = json.dumps(value, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None):
    """The sort key in the cursor; 400 for one this API did not hand out."""
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        return json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, binascii.Error, UnicodeDecodeError):
        abort(400, _("That cursor is not one this API handed out."))


def next_link(value) -> str:
    """This request's URL with the cursor for the following page."""
    args = {**request.view_args, **request.args.to_dict()}
    args["cursor"] = encode_cursor(value)
    g.api_next_link = url_for(request.endpoint, _external=True, **args)
    return g.api_next_link


def add_link_header(response):
    """The next page as an RFC 8288 Link header too, for generic clients."""
    link = g.get("api_next_link")
    if link:
        response.headers["Link"] = f'<{link}>; rel="next"'
    return response


def cursor_page(rows: list, limit: int, key) -> dict:
    """Build {items, next} from limit+1 fetched rows; key(row) gives the cursor."""
    items = rows[:limit]
    more = len(rows) > limit and items
    return {"items": items, "next": next_link(key(items[-1])) if more else None}


def keyset_page(query, column, args: dict, descending: bool = True) -> dict:
    """One page of `query` ordered by a unique integer column (usually the id)."""
    from community.extensions import db

    after = decode_cursor(args.get("cursor"))
    if after is not None and (type(after) is not int):
        abort(400, _("That cursor is not one this API handed out."))
    if after is not None:
        query = query.where(column < after if descending else column > after)
    query = query.order_by(None).order_by(column.desc() if descending else column)
    limit = args["limit"]
    rows = list(db.session.scalars(query.limit(limit + 1)).unique())
    return cursor_page(rows, limit, lambda row: getattr(row, column.key))
