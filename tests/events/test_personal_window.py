"""A person's feed holds a window around today, within a count and a size
(issue 22: "never megabytes"), the events they go to first."""

from datetime import UTC, datetime, timedelta

import pytest

from community.events import feed_views, rsvps
from community.extensions import db as database
from tests.events.test_ical import parse
from tests.factories import make_community, make_event, make_membership, make_user

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
BACK, AHEAD = timedelta(days=90), timedelta(days=548)


@pytest.fixture
def fixed_now(monkeypatch):
    monkeypatch.setattr(feed_views, "utcnow", lambda: NOW)


def naive(instant: datetime) -> datetime:
    return instant.astimezone(UTC).replace(tzinfo=None)


def event_at(community, title, start, end=None, **extra):
    end = end or start + timedelta(hours=1)
    return make_event(
        community, title=title, start_local=naive(start), end_local=naive(end), **extra
    )


def summaries(body: bytes) -> list[str]:
    return [str(item["SUMMARY"]) for item in parse(body).walk("VEVENT")]


def test_the_window_edges(client, db, fixed_now):
    person = make_user()
    community, other = make_community(slug="mine"), make_community(slug="other")
    make_membership(person, community)
    edge_back = NOW - BACK
    event_at(community, "Ended on the edge", edge_back - timedelta(hours=1), edge_back)
    event_at(
        community,
        "Ended just before",
        edge_back - timedelta(hours=2),
        edge_back - timedelta(minutes=1),
    )
    event_at(community, "Starts on the edge", NOW + AHEAD)
    event_at(community, "Starts just after", NOW + AHEAD + timedelta(minutes=1))
    event_at(
        community,
        "Weekly since long ago",
        NOW - timedelta(days=400),
        frequency="weekly",
        count=100,
    )
    far = event_at(other, "Going, too far", NOW + AHEAD + timedelta(days=1))
    rsvps.respond(person, far, "going")
    database.session.commit()
    body = client.get(f"/calendar/{person.calendar_token}.ics").data
    assert sorted(summaries(body)) == [
        "Ended on the edge",
        "Starts on the edge",
        "Weekly since long ago",
    ]


def test_the_window_is_configured(client, db, fixed_now, monkeypatch):
    person = make_user()
    community = make_community(slug="mine")
    make_membership(person, community)
    event_at(community, "In two months", NOW + timedelta(days=60))
    url = f"/calendar/{person.calendar_token}.ics"
    assert summaries(client.get(url).data) == ["In two months"]
    monkeypatch.setitem(client.application.config, "CALENDAR_FEED_DAYS_AHEAD", 30)
    assert summaries(client.get(url).data) == []


def test_past_the_count_the_events_they_go_to_and_the_nearest_stay(
    client, db, fixed_now, monkeypatch
):
    monkeypatch.setitem(client.application.config, "CALENDAR_FEED_MAX_EVENTS", 3)
    person = make_user()
    community, other = make_community(slug="mine"), make_community(slug="other")
    make_membership(person, community)
    event_at(community, "Last month", NOW - timedelta(days=30))
    for days in (40, 10, 20, 30):
        event_at(community, f"In {days} days", NOW + timedelta(days=days))
    going = event_at(other, "Going next year", NOW + timedelta(days=365))
    rsvps.respond(person, going, "going")
    database.session.commit()
    body = client.get(f"/calendar/{person.calendar_token}.ics").data
    assert summaries(body) == ["In 10 days", "In 20 days", "Going next year"]


def test_a_personal_feed_never_reaches_megabytes(client, db, count_queries):
    from community.events.models import Event
    from community.events.scheduling import EventData, apply_data, new_uid

    person = make_user()
    community = make_community(slug="busy")
    make_membership(person, community)
    long_text = "A long agenda line for the pilot workshop. " * 300  # 13 KB
    start = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    with client.application.test_request_context():
        for number in range(300):
            begins = start + timedelta(days=1, hours=number)
            event = Event(uid=new_uid(), community_id=community.id, changes=[])
            data = EventData(
                title=f"Workshop {number:03d}",
                timezone="UTC",
                start_local=begins,
                end_local=begins + timedelta(hours=1),
                description=long_text,
            )
            apply_data(event, data)
            database.session.add(event)
    database.session.commit()
    with count_queries() as counter:
        body = client.get(f"/calendar/{person.calendar_token}.ics").data
    assert len(body) < 1_050_000  # all 300 would be about 4 MB
    names = summaries(body)
    assert 60 < len(names) < 300
    # The nearest ones stay, in date order.
    assert names == [f"Workshop {number:03d}" for number in range(len(names))]
    assert counter.count <= 10
