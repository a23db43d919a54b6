"""Refuse input no page can use before it reaches a view or the database.

PostgreSQL cannot store a NUL character in text and raises on it, so a stray
%00 in a URL or form would otherwise surface as a database error.
"""

from flask import Flask, abort, request
from flask_babel import lazy_gettext as _l

NUL = "\x00"
MESSAGE = _l(
    "Your request contained a null character, which no page "
    "accepts. Remove it and try again."
)


def json_strings(value, depth: int = 0):
    """Every key and string inside a parsed JSON body."""
    if depth > 50:  # deeper than any form needs; refuse rather than recurse on
        abort(400)
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from json_strings(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item, depth + 1)


def refuse_nul_characters() -> None:
    # Every value of a repeated key, not only the first (MultiDict.values()).
    values = [request.path, *request.args.keys()]
    values += [value for group in request.args.listvalues() for value in group]
    if request.method == "POST" and request.mimetype in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        values += list(request.form.keys())
        values += [value for group in request.form.listvalues() for value in group]
    if any(NUL in value for value in values):
        abort(400, MESSAGE)
    # Flask-WTF fills forms from a JSON body too, so "\u0000" there reaches the
    # database just as %00 in a form would.
    if request.method in ("POST", "PUT", "PATCH") and request.is_json:
        body = request.get_json(silent=True)
        if any(NUL in value for value in json_strings(body)):
            abort(400, MESSAGE)


def init_guards(app: Flask) -> None:
    app.before_request(refuse_nul_characters)
