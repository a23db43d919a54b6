"""Events on other features' pages: home, a community's page, the community list."""

from flask_babel import gettext as _
from sqlalchemy import and_, func, select
from sqlalchemy.orm import joinedload

from community.communities.permissions import can_organise
from community.events import listings, permissions
from community.events.models import Event, EventOccurrence, Rsvp
from community.extensions import db
from community.sections import (
    community_list_stat,
    community_section,
    home_section,
    profile_section,
)
from community.timezones import format_local, utcnow, viewer_zone_name

HOME_LIMIT = 5


@home_section("events/_home_section.html", order=10, shared=True)
def upcoming_for_home(viewer) -> dict:
    """The next events the viewer may see, a series once at its next date."""
    condition = and_(permissions.visible_events(viewer), Event.status == "confirmed")
    return {"home_events": listings.first_events(condition, utcnow(), HOME_LIMIT)}


@home_section("events/_home_going.html", order=6)
def going_for_home(viewer) -> dict:
    """The events the signed-in viewer is going to (or waiting for), each once at
    its next such date: one query."""
    if not viewer.is_authenticated:
        return {"going_events": []}
    answered = (
        select(
            EventOccurrence.event_id.label("event_id"),
            func.min(EventOccurrence.start_at).label("start_at"),
        )
        .join(Rsvp, Rsvp.occurrence_id == EventOccurrence.id)
        .join(Event, Event.id == EventOccurrence.event_id)
        .where(
            Rsvp.user_id == viewer.id,
            Rsvp.status.in_(("going", "waitlisted")),
            EventOccurrence.end_at > utcnow(),
            EventOccurrence.cancelled.is_(False),
            permissions.visible_events(viewer),
        )
        .group_by(EventOccurrence.event_id)
        .subquery()
    )
    rows = db.session.scalars(listings.rows_at(answered).limit(HOME_LIMIT + 5))
    return {"going_events": listings.unique_events(rows)[:HOME_LIMIT]}


@profile_section("events/_profile_section.html", order=30)
def events_for_profile(viewer, person) -> dict:
    """Events the person organises, that the viewer may see, latest first."""
    query = (
        select(Event)
        .options(joinedload(Event.community))
        .where(Event.organiser_id == person.id, permissions.visible_events(viewer))
        .order_by(Event.start_at.desc(), Event.id.desc())
        .limit(HOME_LIMIT)
    )
    return {"profile_events": list(db.session.scalars(query))}


def organiser_facts(viewer, community) -> str:
    """Organisers see links to schedule and import events in the block."""
    return "organiser" if can_organise(viewer, community) else ""


@community_section("events/_community_section.html", order=20, shared=organiser_facts)
def upcoming_for_community(viewer, community) -> dict:
    condition = listings.event_condition(
        permissions.visible_events(viewer), community.id
    )
    upcoming = listings.first_events(condition, utcnow(), HOME_LIMIT)
    return {"community_events": upcoming, "events_community": community}


@community_list_stat(order=20)
def next_event_stat(communities: list) -> dict:
    """“Next event” per community on /c/: two queries for the whole list.

    /c/ only passes the communities the viewer may read, so members-only ones
    listed here are the viewer's own.
    """
    ids = [community.id for community in communities]
    nearest = listings.next_by_community(Event.community_id.in_(ids), ids, utcnow())
    return {
        community_id: {
            _("Next event"): _(
                "%(title)s, %(when)s",
                title=row.event.title,
                when=format_local(row.start_at, viewer_zone_name()),
            )
        }
        for community_id, row in nearest.items()
    }
