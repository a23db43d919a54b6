"""What every resource module shares: scope checks for writes, 404 vs 403, and
turning a domain refusal or a form's errors into a problem."""

from flask import abort
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import UnprocessableEntity

from community.api.auth import require_scope


def require_write() -> None:
    require_scope("write")


def require_read_token() -> None:
    """Own resources (notifications, drafts) need a token."""
    require_scope("read")


def allow(allowed: bool, message: str | None = None) -> None:
    """403 when the person sees the thing but may not do this to it."""
    if not allowed:
        abort(403, message or _("You do not have permission to do that."))


def refuse(error: Exception, status: int = 409) -> None:
    """A rule the schema cannot check (locked thread, closed RSVPs...)."""
    abort(status, str(error))


def form_from_json(form_class, data: dict, *args):
    """The HTML form filled from the JSON body, so the API checks exactly the
    rules the page checks (no second copy); 422 with field messages otherwise."""
    values = MultiDict()
    for name, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            values.add(name, "" if item is None else str(item))
    form = form_class(*args, formdata=values, meta={"csrf": False})
    if not form.validate():
        errors = [
            {"pointer": f"#/{name}", "detail": str(message)}
            for name, messages in form.errors.items()
            for message in messages
        ]
        error = UnprocessableEntity(_("Some fields need another look."))
        error.data = {"errors_list": errors}
        raise error
    return form
