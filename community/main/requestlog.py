"""One structured log line per request: request id, status, duration.

Secrets in paths (personal calendar tokens, reset and confirmation links) are
masked before anything is written, so logs can be shared with a vendor.
"""

import json
import logging
import re
import time
import uuid

from flask import Flask, Response, g, request
from sqlalchemy import inspect

log = logging.getLogger("community.requests")
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
SECRET_PATHS = [
    (re.compile(r"^/calendar/[^/]+\.ics"), "/calendar/[token].ics"),
    (re.compile(r"^/auth/reset/[^/]+"), "/auth/reset/[token]"),
    (re.compile(r"^/auth/confirm/[^/]+"), "/auth/confirm/[token]"),
]


def masked_path(path: str) -> str:
    """The path with any secret token replaced."""
    for pattern, replacement in SECRET_PATHS:
        if pattern.match(path):
            return pattern.sub(replacement, path, count=1)
    return path


def start_request() -> None:
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if REQUEST_ID.match(incoming) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def loaded_id(user) -> int | None:
    """The account's id without a query: after a commit the loaded account is
    expired, and reading user.id would load it again."""
    state = inspect(user, raiseerr=False) if user is not None else None
    if state is None or not state.identity:
        return None
    return state.identity[0]


def finish_request(response: Response) -> Response:
    started = g.get("request_started")
    if started is None:
        return response
    response.headers["X-Request-ID"] = g.request_id
    # Only a user already loaded by the request: logging must not load one.
    user = g.get("_login_user")
    line = {
        "request_id": g.request_id,
        "method": request.method,
        "path": masked_path(request.path),
        "status": response.status_code,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        "user_id": loaded_id(user),
        "ip": request.remote_addr,
    }
    log.info(json.dumps(line))
    return response


def init_request_log(app: Flask) -> None:
    app.before_request(start_request)
    app.after_request(finish_request)
