"""Events, their occurrences, and your RSVP."""

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from community.api.access import (
    allow,
    form_from_json,
    refuse,
    require_read_token,
    require_write,
)
from community.api.auth import api_limited
from community.api.me import RsvpSchema
from community.api.pagination import PageArgs, keyset_page, page_schema
from community.communities.permissions import readable_community
from community.events import agenda, event_dates, permissions, recurrence, rsvps
from community.events.forms import RsvpForm
from community.events.models import EVENT_TYPES, Event
from community.extensions import db
from community.timezones import utcnow

blp = Blueprint(
    "api_events", __name__, description=_l("Events, occurrences and RSVPs.")
)
api_limited(blp)


class EventSchema(Schema):
    """Times are UTC (ISO 8601); `timezone` is the zone the event is planned in."""

    id = fields.Integer(required=True)
    uid = fields.String(required=True, metadata={"description": "iCalendar UID"})
    community = fields.Function(
        lambda event: event.community.slug if event.community else None,
        allow_none=True,
    )
    title = fields.String(required=True)
    event_type = fields.String(required=True, metadata={"enum": list(EVENT_TYPES)})
    description_html = fields.String(required=True)
    timezone = fields.String(required=True)
    all_day = fields.Boolean(required=True)
    start_at = fields.DateTime(required=True)
    end_at = fields.DateTime(required=True)
    location = fields.String(required=True)
    country = fields.String(
        attribute="country_code",
        allow_none=True,
        required=True,
        metadata={"description": "ISO 3166-1 alpha-2; null when online or not given"},
    )
    online_url = fields.String(required=True)
    capacity = fields.Integer(allow_none=True, required=True)
    going_count = fields.Integer(required=True)
    rsvp_deadline_at = fields.DateTime(allow_none=True, required=True)
    is_recurring = fields.Boolean(required=True)
    status = fields.String(required=True, metadata={"enum": ["confirmed", "cancelled"]})
    sequence = fields.Integer(required=True)
    updated_at = fields.DateTime(required=True)
    url = fields.Function(lambda event: f"/events/{event.id}")
    ics_url = fields.Function(lambda event: f"/events/{event.id}.ics")


class OccurrenceSchema(Schema):
    start_at = fields.DateTime(required=True)
    end_at = fields.DateTime(required=True)
    original_start_at = fields.DateTime(required=True)
    cancelled = fields.Boolean(required=True)
    moved = fields.Boolean(required=True)
    location = fields.String(allow_none=True)


class EventListArgs(PageArgs):
    community = fields.String(validate=validate.Length(max=60))
    type = fields.String(validate=validate.OneOf(list(EVENT_TYPES)))


class OccurrenceArgs(Schema):
    limit = fields.Integer(load_default=12, validate=validate.Range(min=1, max=100))


class AnswerSchema(Schema):
    answer = fields.String(
        required=True, validate=validate.OneOf(["going", "maybe", "not_going"])
    )
    # One date's key (its original start in UTC, 20300318T090000Z), "all" for
    # every date to come, or absent for the next date.
    date = fields.String(validate=validate.Length(max=20))


def community_id_of(slug: str | None) -> int | None:
    """The filter's community, if readable; -1 (matching nothing) otherwise."""
    if not slug:
        return None
    community = readable_community(slug, current_user)
    return community.id if community is not None else -1


@blp.get("/events")
@blp.arguments(EventListArgs, location="query")
@blp.response(200, page_schema(EventSchema, "EventPage"))
def list_events(args):
    """Every event you may see (site-wide and your communities'), by id."""
    condition = permissions.visible_events(current_user)
    query = agenda.events_query(
        condition, community_id_of(args.get("community")), args.get("type")
    )
    return keyset_page(query, Event.id, args, descending=False)


@blp.get("/events/<int:event_id>")
@blp.etag
@blp.response(200, EventSchema)
def show_event(event_id: int):
    """One event."""
    return permissions.get_event_or_404(event_id, current_user)


@blp.get("/events/<int:event_id>/occurrences")
@blp.arguments(OccurrenceArgs, location="query")
@blp.response(200, OccurrenceSchema(many=True))
def list_occurrences(args, event_id: int):
    """The coming occurrences (one-off changes applied), soonest first."""
    event = permissions.get_event_or_404(event_id, current_user)
    return recurrence.expand(event, window_start=utcnow())[: args["limit"]]


@blp.get("/events/<int:event_id>/rsvp")
@blp.response(200, RsvpSchema)
def show_rsvp(event_id: int):
    """Your answer for the event's next date (404 if you have not answered)."""
    require_read_token()
    event = permissions.get_event_or_404(event_id, current_user)
    rsvp = rsvps.rsvp_of(current_user, event_dates.chosen_or_404(event, None))
    if rsvp is None:
        abort(404)
    return rsvp


@blp.put("/events/<int:event_id>/rsvp")
@blp.arguments(AnswerSchema)
@blp.response(200, RsvpSchema)
def respond(data, event_id: int):
    """Going, maybe or not going, for one date (`date`), every date to come
    ("all") or the next date; going to a full date joins its wait list."""
    require_write()
    event = permissions.get_event_or_404(event_id, current_user)
    allow(permissions.can_rsvp(current_user, event))
    form = form_from_json(RsvpForm, data)
    key = form.date.data or None
    row = None if key == "all" else event_dates.chosen_or_404(event, key)
    try:
        answers = rsvps.respond(current_user, event, form.answer.data, row)
    except rsvps.RsvpClosed as closed:
        db.session.rollback()
        refuse(closed)
    db.session.commit()
    if not answers:
        abort(404)
    return answers[0]
