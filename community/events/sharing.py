"""“Add to calendar” links: webcal subscriptions, Google Calendar and Outlook.com."""

from datetime import UTC
from urllib.parse import urlencode

from flask import current_app, url_for

from community.events import ical
from community.events.models import Event
from community.text import plain_text

GOOGLE = "https://calendar.google.com/calendar/render"
OUTLOOK = "https://outlook.live.com/calendar/0/action/compose"


def absolute(path: str) -> str:
    return current_app.config["SITE_URL"] + path


def webcal(path: str) -> str:
    """The same feed with the webcal: scheme, which opens the subscribe dialog."""
    url = absolute(path)
    return "webcal://" + url.split("://", 1)[1]


def feed_addresses(path: str) -> dict[str, str]:
    """A feed's two addresses: https (Google, Outlook, Thunderbird) and webcal:
    (Apple Calendar opens its subscribe dialog)."""
    return {"https": absolute(path), "webcal": webcal(path)}


def details(event: Event) -> str:
    text = (
        plain_text(event.description_source or "", 800)
        if event.description_source
        else ""
    )
    return f"{text}\n\n{ical.event_url(event)}".strip()


def google_link(event: Event, occurrence) -> str:
    if event.all_day:
        dates = f"{occurrence.start_local:%Y%m%d}/{occurrence.end_local:%Y%m%d}"
    else:
        start = occurrence.start_at.astimezone(UTC)
        end = occurrence.end_at.astimezone(UTC)
        dates = f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}"
    params = {
        "action": "TEMPLATE",
        "text": ical.one_line(event.title),
        "dates": dates,
        "details": details(event),
        "location": ical.one_line(
            ", ".join(p for p in (event.location, event.online_url) if p)
        ),
        "ctz": event.timezone,
    }
    return f"{GOOGLE}?{urlencode(params)}"


def outlook_link(event: Event, occurrence) -> str:
    if event.all_day:
        start, end = (
            occurrence.start_local.date().isoformat(),
            occurrence.end_local.date().isoformat(),
        )
    else:
        start = occurrence.start_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        end = occurrence.end_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    params = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": ical.one_line(event.title),
        "startdt": start,
        "enddt": end,
        "allday": "true" if event.all_day else "false",
        "body": details(event),
        "location": ical.one_line(
            ", ".join(p for p in (event.location, event.online_url) if p)
        ),
    }
    return f"{OUTLOOK}?{urlencode(params)}"


def subscribe_path(event: Event) -> str | None:
    """The public feed holding this event (none for members-only communities)."""
    if event.community is None:
        return url_for("events.public_feed")
    if event.community.is_public:
        return url_for("events.community_feed", slug=event.community.slug)
    return None


def links(event: Event, occurrence) -> dict:
    """Everything the “Add to your calendar” block of the event page offers."""
    feed = subscribe_path(event)
    return {
        "feed_path": feed,
        "google": google_link(event, occurrence),
        "outlook": outlook_link(event, occurrence),
    }
