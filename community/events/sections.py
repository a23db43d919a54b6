"""Events on other features' pages: home, a community's page, the community list."""

from datetime import timedelta

from flask_babel import gettext as _

from community.events import agenda, permissions
from community.events.models import Event
from community.sections import community_list_stat, community_section, home_section
from community.timezones import format_local, utcnow, viewer_zone_name

HOME_LIMIT = 5
HORIZON = timedelta(days=366)  # how far ahead these short lists look


@home_section("events/_home_section.html", order=10)
def upcoming_for_home(viewer) -> dict:
    """The next occurrences the viewer may see: public events and their communities'."""
    query = agenda.events_query(permissions.visible_events(viewer)).where(
        Event.status == "confirmed"
    )
    # A few spare occurrences in case some of the first are cancelled dates.
    first = agenda.first_occurrences(
        query, utcnow(), utcnow() + HORIZON, HOME_LIMIT * 3
    )
    upcoming = [item for item in first if not item.cancelled]
    return {"home_events": upcoming[:HOME_LIMIT]}


@community_section("events/_community_section.html", order=20)
def upcoming_for_community(viewer, community) -> dict:
    query = agenda.events_query(permissions.visible_events(viewer), community.id)
    upcoming = agenda.first_occurrences(query, utcnow(), utcnow() + HORIZON, HOME_LIMIT)
    return {"community_events": upcoming, "events_community": community}


@community_list_stat(order=20)
def next_event_stat(communities: list) -> dict:
    """“Next event” per community on /c/: one query for the whole list.

    /c/ only passes the communities the viewer may read, so members-only ones
    listed here are the viewer's own.
    """
    ids = [community.id for community in communities]
    nearest = agenda.next_by_community(Event.community_id.in_(ids), ids, utcnow())
    return {
        community_id: {
            _("Next event"): _(
                "%(title)s, %(when)s",
                title=occurrence.event.title,
                when=format_local(occurrence.start_at, viewer_zone_name()),
            )
        }
        for community_id, occurrence in nearest.items()
    }
