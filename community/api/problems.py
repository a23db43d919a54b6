"""RFC 9457 problem details: the one shape of every error the API returns."""

from flask import Response, json, request
from marshmallow import Schema, fields
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

PROBLEM_TYPE = "application/problem+json"


class FieldProblemSchema(Schema):
    pointer = fields.String(
        metadata={"description": "JSON pointer into the body, e.g. #/title"}
    )
    parameter = fields.String(metadata={"description": "query or header parameter"})
    detail = fields.String(required=True)


class ProblemSchema(Schema):
    """RFC 9457 problem details (documentation only: problem() builds the body)."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    instance = fields.String()
    errors = fields.List(fields.Nested(FieldProblemSchema))


def _flatten(messages, prefix: str = "") -> list[tuple[str, str]]:
    """marshmallow's nested {field: [messages]} as (path, message) pairs."""
    if isinstance(messages, dict):
        pairs = []
        for key, value in messages.items():
            pairs += _flatten(value, f"{prefix}/{key}")
        return pairs
    if isinstance(messages, list | tuple):
        pairs = []
        for value in messages:
            pairs += _flatten(value, prefix)
        return pairs
    return [(prefix, str(messages))]


def field_errors(messages: dict) -> list[dict]:
    """webargs' {location: {field: [messages]}} as RFC 9457 "errors" members."""
    found = []
    for location, per_field in (messages or {}).items():
        for path, detail in _flatten(per_field):
            if location == "json":
                found.append({"pointer": f"#{path}" if path else "#", "detail": detail})
            else:
                found.append({"parameter": path.lstrip("/"), "detail": detail})
    return found


def problem(
    status: int, detail: str, errors: list[dict] | None = None, headers=None
) -> Response:
    body = {
        "type": "about:blank",
        "title": HTTP_STATUS_CODES.get(status, "Error"),
        "status": status,
        "detail": str(detail),
        "instance": request.path,
    }
    if errors:
        body["errors"] = errors
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_TYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def problem_for(error: HTTPException, detail: str) -> Response:
    """The problem for an HTTP error, with webargs' field messages and the
    headers the error carries (Allow on 405, WWW-Authenticate on 401)."""
    data = getattr(error, "data", None) or {}
    errors = data.get("errors_list") or field_errors(
        data.get("messages") or data.get("errors") or {}
    )
    headers = {
        name: value
        for name, value in error.get_headers()
        if name in ("Allow", "WWW-Authenticate", "Retry-After")
    }
    headers.update(data.get("headers") or {})
    if error.code == 401:
        headers.setdefault("WWW-Authenticate", 'Bearer realm="api"')
    return problem(error.code or 500, detail, errors, headers)
