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
from flask_babel import get_translations
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Form, SelectField, ValidationError
from wtforms.validators import DataRequired, Length, Optional

from community.text import TextRefused, render_markdown
from community.timezones import is_zone_name
from community.zones import zone_choices


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


class ChosenZone(DataRequired):
    """Required, without the HTML required attribute: a select always sends one of
    its options, and HTML forbids `required` when the first option sits in an
    <optgroup> (UTC does)."""

    def __init__(self, message=None):
        super().__init__(message)
        self.field_flags = {}


def zone_field(description, required: bool = True) -> SelectField:
    """The time zone as a place to pick, grouped by region (community/zones.py):
    the account settings, sign-up and the organiser's event form share it."""
    return SelectField(
        _l("Time zone"),
        choices=zone_choices,
        validate_choice=False,  # timezone_name checks it, with its own message
        filters=[strip_filter],
        validators=[
            ChosenZone() if required else Optional(),
            Length(max=64),
            timezone_name,
        ],
        description=description,
        render_kw={
            "data-zone-select": "",
            "data-search-label": _l("Search for a city or country"),
        },
    )


class ZoneChoiceMixin:
    def keep_current_zone(self) -> None:
        """A zone the list leaves out (an old alias, an import's) stays chosen."""
        current = self.timezone.data
        known = {zone for group in zone_choices().values() for zone, _label in group}
        if current and current not in known:
            self.timezone.choices = {current: [(current, current)], **zone_choices()}


# WTForms' own messages ("This field is required.") in the hub's voice, in one place.
# WTForms fills in the %(...)s / %(...)d placeholders after translation, so each
# message keeps the placeholders of the one it replaces.
HUB_MESSAGES = {
    "This field is required.": _l("Please fill this in; it is needed."),
    "Invalid email address.": _l(
        "Give an e-mail address in the form name@example.org."
    ),
    "Field must be between %(min)d and %(max)d characters long.": _l(
        "Use between %(min)d and %(max)d characters; this has %(length)d."
    ),
    "Field must be exactly %(max)d characters long.": _l(
        "Use exactly %(max)d characters; this has %(length)d."
    ),
    "Field must be equal to %(other_name)s.": _l(
        "This does not match %(other_name)s; type the same in both."
    ),
    "Invalid input.": _l("This is not in a form we can use; check it and try again."),
    "Invalid URL.": _l("Give a full web address starting with https:// or http://."),
    "Not a valid choice.": _l("Choose one of the options offered."),
    "Not a valid integer value.": _l("Give a whole number, such as 12."),
    "Not a valid decimal value.": _l("Give a number, such as 12.5."),
    "Not a valid float value.": _l("Give a number, such as 12.5."),
    "Not a valid date value.": _l("Give a date as year-month-day, such as 2026-03-31."),
    "Not a valid datetime value.": _l(
        "Give a date and time, such as 2026-03-31 14:30."
    ),
    "Not a valid time value.": _l("Give a time, such as 14:30."),
    "Number must be at least %(min)s.": _l("Give a number of %(min)s or more."),
    "Number must be at most %(max)s.": _l("Give a number of %(max)s or less."),
    "Number must be between %(min)s and %(max)s.": _l(
        "Give a number from %(min)s to %(max)s."
    ),
    "Invalid value, must be one of: %(values)s.": _l("Choose one of: %(values)s."),
    "Invalid Choice: could not coerce.": _l("Choose one of the options offered."),
}


class HubTranslations:
    """The translations object WTForms asks for its built-in messages."""

    def gettext(self, string: str) -> str:
        message = HUB_MESSAGES.get(string)
        return str(message) if message is not None else _(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        # Babel's own ungettext: flask_babel's ngettext would fill in the
        # placeholders itself, before WTForms has given their values.
        t = get_translations()
        if singular.startswith("Field must be at least"):
            return t.ungettext(
                "Use at least %(min)d character; this has %(length)d.",
                "Use at least %(min)d characters; this has %(length)d.",
                n,
            )
        if singular.startswith("Field cannot be longer"):
            return t.ungettext(
                "Keep this to %(max)d character or fewer; this has %(length)d.",
                "Keep this to %(max)d characters or fewer; this has %(length)d.",
                n,
            )
        if singular.endswith("is not a valid choice for this field."):
            return t.ungettext(
                "“%(value)s” is not one of the options; choose from the list.",
                "“%(value)s” are not among the options; choose from the list.",
                n,
            )
        return singular if n == 1 else plural


HUB_TRANSLATIONS = HubTranslations()


class HubMeta:
    def get_translations(self, form):
        return HUB_TRANSLATIONS


class HubForm(FlaskForm):
    """Every form of the hub: Flask-WTF's CSRF and the hub's own messages."""

    class Meta(HubMeta):
        pass


class QueryForm(Form):
    """A form read from the query string (filters): no CSRF, the hub's messages."""

    class Meta(HubMeta):
        pass


STALE_FORM = _l("This form had expired. Go back, reload the page and try again.")


class ButtonForm(HubForm):
    """A form with nothing but its CSRF token, for one-click POST actions."""


def shown_form(form_class: type[FlaskForm], **kwargs) -> FlaskForm:
    """A form a GET page shows (not filled from the request). Visitors get it
    without a CSRF token: they see log-in links instead of these forms, and a
    token would bind the page to their session, so it could not be cached for
    every visitor (community/pagecache). The POST side checks tokens as ever."""
    from flask_login import current_user

    if not current_user.is_authenticated:
        kwargs["meta"] = {"csrf": False}
    return form_class(formdata=None, **kwargs)


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
