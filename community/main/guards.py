"""Refuse input no page can use before it reaches a view or the database.

PostgreSQL cannot store a NUL character in text and raises on it, so a stray
%00 in a URL or form would otherwise surface as a database error.
"""

from flask import Flask, abort, request

NUL = "\x00"
MESSAGE = (
    "Your request contained a null character, which no page accepts. "
    "Remove it and try again."
)


def refuse_nul_characters() -> None:
    values = [request.path, *request.args.values()]
    if request.method == "POST" and request.mimetype in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        values += list(request.form.values())
    if any(NUL in value for value in values):
        abort(400, MESSAGE)


def init_guards(app: Flask) -> None:
    app.before_request(refuse_nul_characters)
