"""Every parser reads our feeds the same way (issue 17, items 1 to 5).

A community holding every tricky case (DST in both hemispheres, Santiago's
shifting rules, Asia/Kolkata's half-hour offset, a weekly series across DST with
a moved and a cancelled date, all-day days, awkward Unicode text, a join link,
a cancelled event) is exported; icalendar + recurring-ical-events, vobject and
ical.js must agree with each other and with the app's own dates for the first
26 occurrences of every event. vobject and ical.js see renamed TZIDs, so they
can only use our VTIMEZONEs: a VTIMEZONE that any of them misreads fails here.
"""

from datetime import date, datetime

import icalendar
import pytest
from sqlalchemy import select

from community.events import occurrences
from community.events.models import Event, EventOccurrence
from tests.events.calendar_parsers import FIRST, PARSERS, stamp, via_icalendar
from tests.factories import make_community, make_event, make_membership, make_user

TEXT = "Ünïcødé ✓, commas; semicolons\\ backslashes: 東京, «quotes» " * 12


def tricky_community(db):
    community = make_community(slug="tricky", name="Tricky; calendar, community")
    organiser = make_user(display_name="Zoë, Organiser; \\ the first")
    events = [
        make_event(
            community,
            organiser,
            title="Berlin weekly forum",
            timezone="Europe/Berlin",
            start_local=datetime(2027, 1, 6, 10),
            end_local=datetime(2027, 1, 6, 11, 30),
            frequency="weekly",
            weekdays=["WE"],
            count=60,
            description="Line one\nLine two\n\n" + TEXT,
            location="Haus der Demokratie, Greifswalder Str. 4",
            country_code="DE",  # LOCATION does not end with the country's name
        ),
        make_event(
            community,
            organiser,
            title="New York early call",
            timezone="America/New_York",
            start_local=datetime(2027, 2, 1, 8),
            end_local=datetime(2027, 2, 1, 9),
            frequency="weekly",
            interval=2,
            weekdays=["MO", "TH"],
            count=70,
        ),
        make_event(
            community,
            organiser,
            title="Sydney evening",
            timezone="Australia/Sydney",
            start_local=datetime(2027, 3, 2, 18),
            end_local=datetime(2027, 3, 2, 19),
            frequency="weekly",
            count=60,
        ),
        make_event(
            community,
            organiser,
            title="Santiago monthly",
            timezone="America/Santiago",
            start_local=datetime(2027, 1, 14, 9),
            end_local=datetime(2027, 1, 14, 10),
            frequency="monthly",
            monthly="weekday",
            count=40,
        ),
        make_event(
            community,
            organiser,
            title="Kolkata daily stand-up",
            timezone="Asia/Kolkata",
            start_local=datetime(2027, 3, 1, 17, 30),
            end_local=datetime(2027, 3, 1, 17, 45),
            frequency="daily",
            count=30,
        ),
        make_event(
            community,
            organiser,
            title="Nairobi summit (all day)",
            timezone="Africa/Nairobi",
            all_day=True,
            start_on=date(2027, 6, 1),
            end_on=date(2027, 6, 3),
            location="KICC; Harambee Avenue, Nairobi",
            country_code="KE",
        ),
        make_event(
            community,
            organiser,
            title="Online clinic",
            timezone="America/Santiago",
            start_local=datetime(2027, 9, 5, 23, 30),
            end_local=datetime(2027, 9, 6, 0, 30),
            online_url="https://meet.example.org/clinic?id=1;x=2",
        ),
        make_event(
            community,
            organiser,
            title=TEXT[:190],
            timezone="Australia/Sydney",
            start_local=datetime(2027, 10, 3, 1, 30),
            end_local=datetime(2027, 10, 3, 4, 0),
        ),
    ]
    berlin = events[0]
    keys = [row.original_start_at for row in rows_of(berlin)]
    # The 12th date (31 March 2027, just after the spring change) moves; the 13th
    # is cancelled; both lie inside the first 26.
    occurrences.move_occurrence(
        organiser,
        berlin,
        keys[11],
        datetime(2027, 3, 25, 15),
        datetime(2027, 3, 25, 16),
        "Room 2",
    )
    occurrences.cancel_occurrence(organiser, berlin, keys[12])
    cancelled = make_event(community, organiser, title="Cancelled briefing")
    from community.events import scheduling

    scheduling.cancel_event(organiser, cancelled)
    db.session.commit()
    return community, organiser


def rows_of(event: Event) -> list[EventOccurrence]:
    from community.extensions import db

    return list(
        db.session.scalars(
            select(EventOccurrence)
            .where(EventOccurrence.event_id == event.id)
            .order_by(EventOccurrence.original_start_at)
        )
    )


def app_dates(db) -> dict:
    """What the app itself means: each event's live dates from its own table."""
    found = {}
    for event in db.session.scalars(select(Event)):
        items = []
        for row in rows_of(event):
            if row.cancelled and not event.is_cancelled:
                continue
            if event.all_day:
                items.append(
                    (stamp(row.start_local.date()), stamp(row.end_local.date()))
                )
            else:
                items.append((stamp(row.start_at), stamp(row.end_at)))
        found[event.uid] = sorted(items)[:FIRST]
    return found


@pytest.fixture
def tricky_feed(client, db):
    tricky_community(db)
    response = client.get("/c/tricky/events.ics")
    assert response.status_code == 200
    return response.data


def test_icalendar_reads_the_dates_the_app_means(tricky_feed, db):
    assert via_icalendar(tricky_feed) == app_dates(db)
    assert len(app_dates(db)) == 9


@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_parsers_that_read_only_our_vtimezones_agree(tricky_feed, db, parser):
    expected = app_dates(db)
    found = PARSERS[parser](tricky_feed)
    for uid, dates in expected.items():
        assert found[uid] == dates, uid
    assert found.keys() == expected.keys()


def test_demo_feed_reads_the_same_in_every_parser(client, db, demo):
    body = client.get("/calendar.ics").data
    expected = via_icalendar(body)
    assert expected
    for parser in sorted(PARSERS):
        assert PARSERS[parser](body) == expected, parser


def test_vtimezones_list_one_onset_per_observance_in_local_time_before(tricky_feed):
    text = tricky_feed.decode()
    calendar = icalendar.Calendar.from_ical(tricky_feed)
    assert "RDATE" not in text  # no comma-separated onsets for ical.js to drop
    berlin = next(
        zone for zone in calendar.walk("VTIMEZONE") if zone["TZID"] == "Europe/Berlin"
    )
    daylight = [
        item["DTSTART"].dt
        for item in berlin.walk("DAYLIGHT")
        if item["DTSTART"].dt.year == 2027
    ]
    # RFC 5545 3.6.5: the onset in the local time before it (02:00, not 03:00).
    assert daylight == [datetime(2027, 3, 28, 2, 0)]
    kolkata = next(
        zone for zone in calendar.walk("VTIMEZONE") if zone["TZID"] == "Asia/Kolkata"
    )
    (standard,) = kolkata.walk("STANDARD")
    assert standard["TZOFFSETTO"].to_ical() == "+0530"
    assert not kolkata.walk("DAYLIGHT")


def test_descriptions_keep_line_breaks_and_url_is_the_join_link(tricky_feed):
    calendar = icalendar.Calendar.from_ical(tricky_feed)
    by_title = {str(item["SUMMARY"]): item for item in calendar.walk("VEVENT")}
    forum = by_title["Berlin weekly forum"]
    assert str(forum["DESCRIPTION"]).startswith("Line one\nLine two\n\nÜnïcødé")
    assert "/events/" in str(forum["URL"])  # no join link: the event page
    clinic = by_title["Online clinic"]
    assert str(clinic["URL"]) == "https://meet.example.org/clinic?id=1;x=2"
    assert "/events/" in str(clinic["DESCRIPTION"])  # the event page stays there
    cancelled = by_title["Cancelled briefing"]
    assert str(cancelled["STATUS"]) == "CANCELLED"


@pytest.mark.parametrize("reader", ["icalendar", "vobject"])
def test_the_country_is_one_property_every_parser_keeps(tricky_feed, reader):
    """X-HUB-COUNTRY carries the country code whatever LOCATION says; the
    date parsers above agree with it in the feed, so no reader is upset by it."""
    if reader == "icalendar":
        calendar = icalendar.Calendar.from_ical(tricky_feed)
        found = {
            str(item["SUMMARY"]): str(item.get("X-HUB-COUNTRY", ""))
            for item in calendar.walk("VEVENT")
        }
    else:
        import vobject

        calendar = vobject.readOne(tricky_feed.decode())
        found = {
            vevent.summary.value: getattr(vevent, "x_hub_country", None)
            and vevent.x_hub_country.value
            for vevent in calendar.vevent_list
        }
    assert found["Nairobi summit (all day)"] == "KE"
    assert found["Berlin weekly forum"] == "DE"  # the master and its moved date
    assert not found["Online clinic"]
    assert b"X-HUB-COUNTRY:DE\r\n" in tricky_feed


def test_join_link_with_spaces_is_refused_on_the_form(client, db, login):
    from community.extensions import db as database

    community = make_community(slug="links")
    make_membership(login(make_user()), community, role="organiser")
    response = client.post(
        "/c/links/events/new",
        data={
            "title": "Clinic",
            "event_type": "forum",
            "timezone": "UTC",
            "start_local": "2030-03-18T10:00",
            "end_local": "2030-03-18T11:00",
            "repeat_frequency": "",
            "repeat_interval": "1",
            "repeat_monthly": "day",
            "online_url": "https://meet.example.org/a b",
        },
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "without spaces" in page
    assert 'value="https://meet.example.org/a b"' in page  # the text is kept
    assert database.session.scalar(select(Event.id)) is None
