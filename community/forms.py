"""What every feature's forms and views share.

Validators and fields several forms use, and the view plumbing that used to be
written again in each views module: `ButtonForm` and its check, the stale-form
message, the 403 helper, the caller's address for the audit log and the posting
rate limit read from the config.
"""

import re
from typing import NoReturn
from urllib.parse import urlsplit

from flask import abort, current_app, has_request_context, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import ValidationError

from community.text import TextRefused, render_markdown
from community.timezones import is_zone_name


def timezone_name(form, field) -> None:
    """An IANA time zone such as Europe/Berlin."""
    if field.data and not is_zone_name(field.data):
        raise ValidationError(
            _(
                "“%(data)s” is not a time zone we know. Use a name such as "
                "Europe/Berlin, Africa/Nairobi or UTC.",
                data=field.data[:60],
            )
        )


def http_url(form, field) -> None:
    """An absolute http or https address."""
    if not field.data:
        return
    parts = urlsplit(field.data.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationError(
            _("Give a full web address starting with https:// or http://.")
        )


def renderable_markdown(form, field) -> None:
    """Markdown our renderer accepts (pathological inputs are refused)."""
    if not field.data:
        return
    try:
        render_markdown(field.data)
    except TextRefused as error:
        raise ValidationError(str(error)) from error


SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slug_shape(form, field) -> None:
    """Lowercase letters, digits and single hyphens."""
    if field.data and not SLUG_RE.match(field.data):
        raise ValidationError(
            _(
                "Use lowercase letters, digits and single hyphens only, such "
                "as govstack-forum."
            )
        )


def strip_filter(value):
    return value.strip() if isinstance(value, str) else value


STALE_FORM = _l("This form had expired. Go back, reload the page and try again.")


class ButtonForm(FlaskForm):
    """A form with nothing but its CSRF token, for one-click POST actions."""


def require_button() -> None:
    """400 with the stale-form message unless the one-click form's token is good."""
    if not ButtonForm().validate_on_submit():
        abort(400, STALE_FORM)


def stale_form() -> NoReturn:
    """400: the form's token (or a hidden field it carried) was stale."""
    abort(400, STALE_FORM)


def require(allowed: bool, message: str | None = None) -> None:
    """403 when the person sees the thing but may not do this to it."""
    if not allowed:
        abort(403, message)  # None: the standard 403 description


def client_ip() -> str:
    """The caller's address for the audit log (behind a proxy, ProxyFix sets it)."""
    return (request.remote_addr or "") if has_request_context() else ""


def posting_limit() -> str:
    """The posting rate limit, read per request so tests and operators can change it."""
    return current_app.config["POST_RATE_LIMIT"]
