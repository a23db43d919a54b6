"""Error pages in the site's layout, or JSON for clients that ask for it."""

import logging

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import (
    DataError,
    DBAPIError,
    InterfaceError,
    OperationalError,
    PendingRollbackError,
    SQLAlchemyError,
)
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)

EXPLANATIONS = {
    400: _l("The request could not be understood. Check what you sent and try again."),
    401: _l("This needs a valid personal access token (Authorization: Bearer)."),
    403: _l("You do not have permission to do that."),
    404: _l(
        "There is nothing at this address. It may have been moved or never existed."
    ),
    405: _l("This address does not accept that kind of request."),
    409: _l("That conflicts with the current state of the resource."),
    412: _l(
        "The resource changed since you read it (If-Match did not match). "
        "Fetch it again, then repeat your change."
    ),
    413: _l("What you sent is too large. Make it smaller and try again."),
    422: _l("Some fields need another look: see errors."),
    428: _l(
        "Send the ETag you read in an If-Match header, so a stale edit "
        "cannot overwrite someone else's."
    ),
    429: _l("Too many requests in a short time. Wait a minute and try again."),
    500: _l("Something went wrong on our side. It has been logged; please try again."),
    503: _l("The site is briefly unavailable. Please try again in a moment."),
}


def wants_json() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return request.path.startswith("/api/") or (
        best == "application/json"
        and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"]
    )


def error_response(code: int, message: str | None = None, error=None):
    message = message or EXPLANATIONS.get(code, EXPLANATIONS[400])
    if request.path.startswith("/api/"):
        from community.api.problems import problem, problem_for

        if code == 429 and error is not None:  # the limit that was reached
            message = f"{EXPLANATIONS[429]} ({error.description})"

        body = (
            problem_for(error, message) if error is not None else problem(code, message)
        )
        return body, code
    if wants_json():
        return jsonify(error={"status": code, "message": message}), code
    page = render_template("errors/error.html", code=code, message=message)
    return page, code


def handle_http_error(error: HTTPException):
    code = error.code or 500
    # abort(400, "message") passes a message meant for the person; keep it.
    custom = error.description if error.description != type(error).description else None
    response = error_response(code, custom, error)
    if code == 429 or code == 503:
        body, status = response
        return body, status, {"Retry-After": "60"}
    return response


def handle_csrf_error(error: CSRFError):
    message = _(
        "This form had expired or was sent from elsewhere. Your text "
        "is kept below: please send it again."
    )
    return error_response(400, message)


def handle_database_down(error: DBAPIError):
    """The database is unreachable or dropped the connection: 503, never 500."""
    log.error("database unavailable: %s", error)
    from community.extensions import db

    try:
        db.session.rollback()
    except SQLAlchemyError:  # the connection may already be gone
        log.warning("rollback failed after a lost database connection")
    try:
        body, status = error_response(503)
    except Exception as failure:  # the page itself needed the database
        if not is_lost_connection(failure):
            raise
        close_session()
        body, status = plain_page(503), 503
    return body, status, {"Retry-After": "30"}


def close_session(_error: BaseException | None = None) -> None:
    """End the request's session even when its connection died after the last
    query: closing rolls back, a killed connection refuses the ROLLBACK, and an
    error raised while the request is torn down reaches the server as a 500
    after the answer was chosen. The dead connection is dropped instead."""
    from community.extensions import db

    try:
        db.session.remove()
    except SQLAlchemyError as error:
        if not is_lost_connection(error):
            raise
        log.warning("connection lost while closing the session: %s", error)
        db.session().invalidate()  # no ROLLBACK: the pool forgets the connection
        db.session.remove()


def plain_page(code: int) -> str:
    """An error page that needs neither the database nor the layout."""
    return (
        f'<!doctype html><html lang="en"><title>{code}</title>'
        f"<main><h1>{code}</h1><p>{EXPLANATIONS[code]}</p></main></html>"
    )


LOST = OperationalError | InterfaceError | PendingRollbackError


def is_lost_connection(error: BaseException | None) -> bool:
    """Errors that mean the connection failed under us, not a bug of ours:
    SQLAlchemy's, the driver's own (psycopg, sqlite3) and whatever was raised
    while handling one of those (the chain is followed)."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, LOST) or type(error).__name__ in DRIVER_LOST:
            return True
        if isinstance(error, DBAPIError) and error.connection_invalidated:
            return True
        error = error.__cause__ or error.__context__
    return False


# The drivers' own classes (and psycopg's subclasses of them, e.g.
# AdminShutdown), by name so that neither driver must be importable.
DRIVER_LOST = {
    "OperationalError",
    "InterfaceError",
    "AdminShutdown",
    "CrashShutdown",
    "CannotConnectNow",
    "ConnectionException",
    "ConnectionFailure",
    "SqlclientUnableToEstablishSqlconnection",
}


def handle_bad_data(error: DataError):
    """The database refused a value (too long, malformed): the input's fault."""
    log.warning("database refused a value: %s", error.orig)
    from community.extensions import db

    db.session.rollback()
    return error_response(400, _("Something you sent could not be stored as it is."))


def handle_unexpected(error: Exception):
    # Flask wraps what an after_request function or an error handler raised
    # in an InternalServerError: the wrapped error decides (a lost connection
    # is still a 503).
    original = getattr(error, "original_exception", None) or error
    if is_lost_connection(original):
        return handle_database_down(original)
    if isinstance(error, HTTPException) and original is error:
        return handle_http_error(error)
    log.exception("unhandled error", exc_info=original)  # the wrapped one's trace
    try:
        return error_response(500)
    except Exception:
        log.exception("the error page failed too")
        return plain_page(500), 500


def init_error_pages(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(OperationalError, handle_database_down)
    app.register_error_handler(InterfaceError, handle_database_down)
    app.register_error_handler(DataError, handle_bad_data)
    app.register_error_handler(InternalServerError, handle_unexpected)
    app.register_error_handler(Exception, handle_unexpected)
    # Registered after Flask-SQLAlchemy's own teardown, so it runs first
    # (Flask runs them in reverse) and leaves that one nothing to close.
    app.teardown_appcontext(close_session)
