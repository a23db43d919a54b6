"""Calendar files and subscription feeds (a URL contract: these never move).

Calendar clients poll feeds all day, so each feed first asks the database one
small question (latest change, number of events), answers 304 when the client
already has that version, and only then builds the file.
"""

from collections.abc import Callable
from functools import partial

from flask import Response, abort, current_app, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import undefer

from community.auth.models import User
from community.communities.permissions import can_see_content, get_community_or_404
from community.dpgs.linking import linked_ids
from community.dpgs.permissions import get_dpg_named_or_404
from community.events import (
    feed_bodies,
    feed_content,
    feed_versions,
    ical,
    permissions,
)
from community.events.models import Event
from community.events.views import bp
from community.extensions import db
from community.feeds import conditional_response
from community.timezones import utcnow


def calendar_response(
    content: list[tuple[int | str, int]],
    key: str,
    build: Callable[[str], bytes | Response],
    public: bool,
    filename: str | None = None,
) -> Response:
    """The file, or 304 when the client's copy (ETag / date) is still current.
    build(version) makes the body.

    The version names the content itself (each event's id and revision, and
    the feed's name), so any change, to an event or to which events are in the
    feed (an RSVP, a membership), is a new ETag and a later Last-Modified.
    """
    version = feed_versions.content_tag(key, content)
    changed_at = feed_versions.changed_at(key, version)
    headers = {}
    if filename:
        headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    # One conditional helper for every feed (community/feeds.py): ETag from the
    # version, 304 before building, private caching for members-only calendars.
    return conditional_response(
        version, changed_at, partial(build, version), "text/calendar", public, headers
    )


def feed(
    rows: list, key: str, name: str, public: bool, max_bytes: int | None = None
) -> Response:
    """A feed of these rows (feed_content.VERSION_COLUMNS): its body is built
    once per version and then read from feed_bodies' cache."""

    def build() -> bytes:
        events = feed_content.described(rows)
        return ical.build_calendar(events, name, feed_content.load_events, max_bytes)

    content = feed_content.version_of(rows)
    cached = partial(feed_bodies.cached_body, build=build)
    return calendar_response(content, f"{key}|{name}", cached, public)


@bp.get("/events/<int:event_id>.ics")
def event_ics(event_id: int):
    event = permissions.get_event_or_404(event_id, current_user)
    name = f"{ical.one_line(event.title)}"
    return calendar_response(
        [(event.id, event.revision)],
        f"event-{event.id}",
        lambda version: ical.build_calendar([event], name),
        event.community is None or event.community.is_public,
        filename=f"event-{event.id}.ics",
    )


@bp.get("/c/<slug>/events.ics")
def community_feed(slug: str):
    if "\x00" in slug:
        abort(404)  # PostgreSQL refuses NUL in text; no slug has one
    community = get_community_or_404(slug)
    if not can_see_content(current_user, community):
        abort(404)
    rows = feed_content.community_rows(Event.community_id == community.id, utcnow())
    site = current_app.config["SITE_NAME"]
    name = f"{community.name} ({site})"
    return feed(rows, f"community-{community.id}", name, community.is_public)


@bp.get("/calendar.ics")
def public_feed():
    site = current_app.config["SITE_NAME"]
    if request.args.get("dpg"):  # ?dpg=<slug>: the public events about one DPG
        dpg = get_dpg_named_or_404(request.args["dpg"])
        name = _("%(site)s: public events about %(dpg)s", site=site, dpg=dpg.name)
        about = Event.id.in_(linked_ids("event", dpg.id))
        rows = public_rows(and_(permissions.public_events(), about))
        return feed(rows, f"public-dpg-{dpg.id}", name, public=True)
    name = _("%(site)s: all public events", site=site)
    return feed(public_rows(permissions.public_events()), "public", name, public=True)


def public_rows(condition: ColumnElement[bool]) -> list:
    return feed_content.community_rows(condition, utcnow())


@bp.get("/calendar/<token>.ics")
def personal_feed(token: str):
    if "\x00" in token:
        abort(404)
    query = select(User).options(undefer(User.calendar_only_going))
    person = db.session.scalar(query.where(User.calendar_token == token[:64]))
    if person is None or person.is_suspended:
        abort(404)
    site = current_app.config["SITE_NAME"]
    key = f"person-{person.id}"
    name = f"{site}: {person.display_name}"
    rows = feed_content.personal_rows(person, utcnow())
    limit = current_app.config["CALENDAR_FEED_MAX_BYTES"]
    return feed(rows, key, name, public=False, max_bytes=limit)
