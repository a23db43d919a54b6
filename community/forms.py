"""Validators and fields that several features' forms share."""

import re
from urllib.parse import urlsplit

from wtforms import ValidationError

from community.text import TextRefused, render_markdown
from community.timezones import is_zone_name


def timezone_name(form, field) -> None:
    """An IANA time zone such as Europe/Berlin."""
    if field.data and not is_zone_name(field.data):
        raise ValidationError(
            f"“{field.data[:60]}” is not a time zone we know. "
            "Use a name such as Europe/Berlin, Africa/Nairobi or UTC."
        )


def http_url(form, field) -> None:
    """An absolute http or https address."""
    if not field.data:
        return
    parts = urlsplit(field.data.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationError(
            "Give a full web address starting with https:// or http://."
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
            "Use lowercase letters, digits and single hyphens only, "
            "such as govstack-forum."
        )


def strip_filter(value):
    return value.strip() if isinstance(value, str) else value
