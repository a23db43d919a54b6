"""iCalendar exports, read back with `icalendar` and expanded with the independent
`recurring_ical_events`, checking the UTC instants calendar clients will show."""

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
import recurring_ical_events

from community.events.recurrence import is_nonexistent
from tests.factories import make_community, make_event, make_membership, make_user

LATER = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


def parse(body: bytes) -> icalendar.Calendar:
    assert body.startswith(b"BEGIN:VCALENDAR\r\n")
    return icalendar.Calendar.from_ical(body)


def instants(body: bytes) -> list[tuple[datetime, datetime]]:
    """Every occurrence as UTC (start, end), expanded by recurring_ical_events."""
    found = recurring_ical_events.of(parse(body)).between(*LATER)
    return sorted(
        (item["DTSTART"].dt.astimezone(UTC), item["DTEND"].dt.astimezone(UTC))
        for item in found
    )


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def event_form(**overrides) -> dict:
    data = {
        "title": "GovStack community forum",
        "event_type": "forum",
        "description": "Monthly forum",
        "timezone": "Europe/Berlin",
        "start_local": "2030-03-18T10:00",
        "end_local": "2030-03-18T11:00",
        "repeat_frequency": "",
        "repeat_interval": "1",
        "repeat_monthly": "day",
        "location": "Online",
        "online_url": "https://meet.example.org/govstack",
    }
    data.update(overrides)
    return data


def organiser_of(community, login):
    from tests.factories import make_user as new_user

    person = login(new_user(display_name="Olga Organiser"))
    make_membership(person, community, role="organiser")
    return person


def test_weekly_berlin_forum_keeps_ten_oclock_across_the_dst_change(client, db, login):
    community = make_community(slug="govstack")
    organiser_of(community, login)
    form = event_form(repeat_frequency="weekly", repeat_weekdays="MO", repeat_count="4")
    response = client.post("/c/govstack/events/new", data=form)
    assert response.status_code == 302
    event_id = int(response.headers["Location"].rsplit("/", 1)[1])
    body = client.get(f"/events/{event_id}.ics").data
    calendar = parse(body)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    vevent = calendar.walk("VEVENT")[0]
    assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert "RRULE:FREQ=WEEKLY;COUNT=4;BYDAY=MO" in body.decode()
    # Clocks go forward on 31 March 2030: 10:00 Berlin is 09:00 UTC, then 08:00 UTC.
    assert [start for start, _ in instants(body)] == [
        utc(2030, 3, 18, 9),
        utc(2030, 3, 25, 9),
        utc(2030, 4, 1, 8),
        utc(2030, 4, 8, 8),
    ]


def test_sao_paulo_kolkata_and_nairobi_instants(client, db):
    community = make_community()
    # Brazil last had daylight saving in 2018: it began on 4 November.
    sao_paulo = make_event(
        community,
        timezone="America/Sao_Paulo",
        start_local=datetime(2018, 10, 29, 10),
        end_local=datetime(2018, 10, 29, 11),
        frequency="weekly",
        count=2,
    )
    kolkata = make_event(
        community,
        timezone="Asia/Kolkata",
        start_local=datetime(2030, 1, 15, 10),
        end_local=datetime(2030, 1, 15, 11, 30),
    )
    nairobi = make_event(
        community,
        timezone="Africa/Nairobi",
        start_local=datetime(2030, 6, 2, 14),
        end_local=datetime(2030, 6, 2, 16),
    )
    assert instants(client.get(f"/events/{sao_paulo.id}.ics").data) == [
        (utc(2018, 10, 29, 13), utc(2018, 10, 29, 14)),
        (utc(2018, 11, 5, 12), utc(2018, 11, 5, 13)),
    ]
    assert instants(client.get(f"/events/{kolkata.id}.ics").data) == [
        (utc(2030, 1, 15, 4, 30), utc(2030, 1, 15, 6))
    ]
    assert instants(client.get(f"/events/{nairobi.id}.ics").data) == [
        (utc(2030, 6, 2, 11), utc(2030, 6, 2, 13))
    ]


def test_series_with_a_cancelled_and_a_moved_occurrence(client, db, login):
    community = make_community(slug="govstack")
    organiser_of(community, login)
    form = event_form(
        repeat_frequency="weekly",
        repeat_weekdays="MO",
        repeat_count="4",
        start_local="2030-01-07T10:00",
        end_local="2030-01-07T11:00",
    )
    event_id = int(
        client.post("/c/govstack/events/new", data=form)
        .headers["Location"]
        .rsplit("/", 1)[1]
    )
    # 14 Jan 10:00 Berlin = 09:00 UTC; 21 Jan moves to 15:00 Berlin.
    assert (
        client.post(
            f"/events/{event_id}/occurrences/20300114T090000Z/cancel"
        ).status_code
        == 302
    )
    moved = client.post(
        f"/events/{event_id}/occurrences/20300121T090000Z",
        data={
            "start_local": "2030-01-21T15:00",
            "end_local": "2030-01-21T16:30",
            "location": "Room 7",
        },
    )
    assert moved.status_code == 302
    body = client.get(f"/events/{event_id}.ics").data
    text = body.decode()
    assert "EXDATE;TZID=Europe/Berlin:20300114T100000" in text
    assert "RECURRENCE-ID;TZID=Europe/Berlin:20300121T100000" in text
    vevents = parse(body).walk("VEVENT")
    assert len(vevents) == 2 and vevents[0]["UID"] == vevents[1]["UID"]
    assert str(vevents[1]["LOCATION"]) == "Room 7"
    assert int(vevents[0]["SEQUENCE"]) == 2  # one cancellation, one move
    assert instants(body) == [
        (utc(2030, 1, 7, 9), utc(2030, 1, 7, 10)),
        (utc(2030, 1, 21, 14), utc(2030, 1, 21, 15, 30)),
        (utc(2030, 1, 28, 9), utc(2030, 1, 28, 10)),
    ]
    page = client.get(f"/events/{event_id}").get_data(as_text=True)
    assert "Cancelled" in page and "Moved" in page


def test_multilingual_description_is_escaped_and_read_back(client, db):
    description = "ሰላም ለሁሉም, नमस्ते; 🎉🌍 a back\\slash\nsecond line, with; more"
    event = make_event(
        make_community(), title="Forum, with; a \\ title 🎉", description=description
    )
    body = client.get(f"/events/{event.id}.ics").data
    assert b"\\, with\\; a \\\\ title" in body
    vevent = parse(body).walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == "Forum, with; a \\ title 🎉"
    read = str(vevent["DESCRIPTION"])
    for fragment in ("ሰላም ለሁሉም, नमस्ते; 🎉🌍", "back\\slash", "second line, with; more"):
        assert fragment in read
    assert "\n" in read
    lines = body.split(b"\r\n")
    assert lines[-1] == b"" and all(
        b"\n" not in line and b"\r" not in line for line in lines
    )
    assert all(len(line) <= 75 for line in lines)


def test_edited_twice_sequence_goes_0_1_2_with_the_same_uid(client, db, login):
    community = make_community(slug="govstack")
    organiser_of(community, login)
    location = client.post("/c/govstack/events/new", data=event_form()).headers[
        "Location"
    ]
    event_id = int(location.rsplit("/", 1)[1])
    seen = []
    for change in (
        {},
        {"location": "Room 2"},
        {"start_local": "2030-03-18T11:00", "end_local": "2030-03-18T12:00"},
    ):
        if change:
            assert (
                client.post(
                    f"/events/{event_id}/edit", data=event_form(**change)
                ).status_code
                == 302
            )
        vevent = parse(client.get(f"/events/{event_id}.ics").data).walk("VEVENT")[0]
        seen.append((int(vevent["SEQUENCE"]), str(vevent["UID"])))
    assert [sequence for sequence, _ in seen] == [0, 1, 2]
    assert len({uid for _, uid in seen}) == 1


def test_cancelled_event_stays_in_feeds_as_cancelled(client, db, login):
    community = make_community(slug="govstack")
    organiser = organiser_of(community, login)
    event = make_event(community, organiser, title="Cancelled forum")
    assert client.post(f"/events/{event.id}/cancel").status_code == 302
    for url in ("/calendar.ics", "/c/govstack/events.ics", f"/events/{event.id}.ics"):
        vevent = parse(client.get(url).data).walk("VEVENT")[0]
        assert vevent["STATUS"] == "CANCELLED" and int(vevent["SEQUENCE"]) == 1
    assert "Cancelled" in client.get(f"/events/{event.id}").get_data(as_text=True)


def test_hostile_title_cannot_break_the_feed(client, db, login):
    community = make_community(slug="govstack")
    organiser_of(community, login)
    hostile = "Forum\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:pwned"
    client.post("/c/govstack/events/new", data=event_form(title=hostile[:200]))
    make_event(community, title="Bare\rcarriage\x00return", description="a\rb\x07c")
    body = client.get("/c/govstack/events.ics").data
    assert b"\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil" not in body
    vevents = parse(body).walk("VEVENT")
    assert len(vevents) == 2
    assert {str(vevent["UID"]) for vevent in vevents} != {"evil"}
    assert "END:VEVENT" in str(vevents[0]["SUMMARY"]) or "END:VEVENT" in str(
        vevents[1]["SUMMARY"]
    )
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))


def test_conformance_of_a_community_feed(client, db):
    organiser = make_user(display_name="Amina Njoroge")
    community = make_community(slug="vendors", name="Vendors")
    make_event(
        community,
        organiser,
        timezone="Africa/Nairobi",
        title="Workshop",
        start_local=datetime(2030, 5, 5, 9),
        end_local=datetime(2030, 5, 5, 12),
    )
    make_event(
        community,
        organiser,
        title="Summit",
        all_day=True,
        start_on=date(2030, 6, 1),
        end_on=date(2030, 6, 3),
        timezone="Africa/Nairobi",
    )
    response = client.get("/c/vendors/events.ics")
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = parse(response.data)
    for name, value in (
        ("VERSION", "2.0"),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
    ):
        assert str(calendar[name]) == value
    # No X-WR-TIMEZONE: icalendar-based clients would re-read UTC times with it.
    assert "X-WR-TIMEZONE" not in calendar
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in response.get_data(as_text=True)
    assert "Vendors" in str(calendar["X-WR-CALNAME"]) and "Vendors" in str(
        calendar["NAME"]
    )
    assert calendar["PRODID"]
    timed, all_day = calendar.walk("VEVENT")
    for vevent in (timed, all_day):
        for prop in (
            "UID",
            "DTSTAMP",
            "SEQUENCE",
            "LAST-MODIFIED",
            "SUMMARY",
            "DESCRIPTION",
            "URL",
            "STATUS",
            "ORGANIZER",
        ):
            assert prop in vevent, prop
        assert vevent["DTSTAMP"].dt.tzinfo is not None and vevent[
            "DTSTAMP"
        ].dt.utcoffset() == timedelta(0)
        assert "@example.org" not in str(
            vevent["ORGANIZER"]
        )  # no personal address leaks
    assert timed["ORGANIZER"].params["CN"] == "Amina Njoroge"
    assert "Africa/Nairobi" in [tz["TZID"] for tz in calendar.walk("VTIMEZONE")]
    assert all_day["DTSTART"].dt == date(2030, 6, 1) and all_day["DTEND"].dt == date(
        2030, 6, 4
    )
    assert "DTSTART;VALUE=DATE:20300601" in response.get_data(as_text=True)
    single = client.get(f"/events/{timed['URL'].rsplit('/', 1)[1]}.ics")
    assert 'filename="event-' in single.headers["Content-Disposition"]


def test_conditional_requests_get_304_and_head_works(client, db, login):
    community = make_community(slug="govstack")
    organiser = organiser_of(community, login)
    event = make_event(community, organiser)
    first = client.get("/c/govstack/events.ics")
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    again = client.get("/c/govstack/events.ics", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    since = client.get(
        "/c/govstack/events.ics", headers={"If-Modified-Since": modified}
    )
    assert since.status_code == 304
    zipped = client.get(
        "/c/govstack/events.ics", headers={"Accept-Encoding": "gzip"}
    ).headers["ETag"]
    gzip_again = client.get(
        "/c/govstack/events.ics",
        headers={"Accept-Encoding": "gzip", "If-None-Match": zipped},
    )
    assert gzip_again.status_code == 304
    head = client.head("/calendar.ics")
    assert head.status_code == 200 and head.data == b""
    assert head.headers["Content-Type"] == "text/calendar; charset=utf-8"
    client.post(f"/events/{event.id}/edit", data=event_form(title="Renamed forum"))
    changed = client.get("/c/govstack/events.ics", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert b"Renamed forum" in changed.data


def test_members_only_events_never_reach_public_feeds(client, db, login):
    public = make_community(slug="govstack")
    private = make_community(slug="peers", visibility="members")
    make_event(public, title="Open forum")
    make_event(private, title="Peers only")
    make_event(None, title="Site-wide summit")
    everything = client.get("/calendar.ics").data
    assert b"Open forum" in everything and b"Site-wide summit" in everything
    assert b"Peers only" not in everything
    assert client.get("/c/peers/events.ics").status_code == 404
    assert client.get("/calendar.ics").headers["Cache-Control"] == "public, max-age=300"
    member = make_user()
    make_membership(member, private)
    login(member)
    members_feed = client.get("/c/peers/events.ics")
    assert b"Peers only" in members_feed.data
    assert members_feed.headers["Cache-Control"] == "private, max-age=300"


def test_personal_feed_holds_going_and_community_events(client, db, login):
    public = make_community(slug="govstack")
    private = make_community(slug="peers", visibility="members")
    other = make_community(slug="vendors")
    person = make_user()
    make_membership(person, private)
    make_event(private, title="Peers only")
    going = make_event(other, title="Vendor day")
    make_event(public, title="Not mine")
    login(person)
    client.post(f"/events/{going.id}/rsvp", data={"answer": "going"})
    personal = client.get(f"/calendar/{person.calendar_token}.ics")
    body = personal.data
    assert b"Peers only" in body and b"Vendor day" in body and b"Not mine" not in body
    assert personal.headers["Cache-Control"] == "private, max-age=300"
    assert client.get("/calendar/not-the-token.ics").status_code == 404


def test_a_large_feed_is_built_with_a_constant_number_of_queries(
    client, db, count_queries
):
    from community.events.models import Event
    from community.events.scheduling import EventData, apply_data, new_uid

    community = make_community(slug="big")
    with client.application.test_request_context():
        for number in range(1000):
            start = datetime(2030, 1, 1, 9) + timedelta(hours=number)
            event = Event(uid=new_uid(), community_id=community.id, changes=[])
            apply_data(
                event,
                EventData(
                    title=f"Event {number}",
                    timezone="Europe/Berlin",
                    start_local=start,
                    end_local=start + timedelta(hours=1),
                ),
            )
            db.session.add(event)
    db.session.commit()
    with count_queries() as counter:
        body = client.get("/c/big/events.ics").data
    assert len(parse(body).walk("VEVENT")) == 1000
    assert counter.count <= 8


def test_every_kind_of_export_reads_back_in_both_parsers(
    client, db, login, monkeypatch
):
    import x_wr_timezone

    # 2030 lies past a personal feed's window: widen it for this test.
    monkeypatch.setitem(client.application.config, "CALENDAR_FEED_DAYS_AHEAD", 36500)
    community = make_community(slug="govstack")
    person = make_user()
    make_membership(person, community)
    event = make_event(
        community,
        timezone="Asia/Kolkata",
        start_local=datetime(2030, 2, 1, 18),
        end_local=datetime(2030, 2, 1, 19),
        frequency="daily",
        count=3,
    )
    expected = [utc(2030, 2, day, 12, 30) for day in (1, 2, 3)]
    for url in (
        f"/events/{event.id}.ics",
        "/c/govstack/events.ics",
        "/calendar.ics",
        f"/calendar/{person.calendar_token}.ics",
    ):
        body = client.get(url).data
        assert [start for start, _ in instants(body)] == expected, url
        # What Google-style readers do with X-WR-TIMEZONE changes no instant.
        standard = x_wr_timezone.to_standard(parse(body))
        found = recurring_ical_events.of(standard).between(*LATER)
        assert sorted(item["DTSTART"].dt.astimezone(UTC) for item in found) == expected


def test_vtimezones_agree_with_the_zone_database(client, db):
    """Clients that read only our VTIMEZONE (not the IANA name) get the same hours."""
    from zoneinfo import ZoneInfo

    community = make_community(slug="govstack")
    zones = []
    for zone, year in (("Europe/Berlin", 2030), ("America/Sao_Paulo", 2018)):
        event = make_event(
            community,
            timezone=zone,
            start_local=datetime(year, 1, 7, 10),
            end_local=datetime(year, 1, 7, 11),
            frequency="weekly",
            count=52,
        )
        zones += parse(client.get(f"/events/{event.id}.ics").data).walk("VTIMEZONE")
    assert [str(zone["TZID"]) for zone in zones] == [
        "Europe/Berlin",
        "America/Sao_Paulo",
    ]
    for number, component in enumerate(zones):
        name = str(component["TZID"])
        renamed = component.to_ical().replace(
            name.encode(), f"Renamed-{number}".encode()
        )
        wrapper = (
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n%bEND:VCALENDAR\r\n"
        )
        custom = parse(wrapper % renamed).walk("VTIMEZONE")[0].to_tz()
        year = 2030 if name == "Europe/Berlin" else 2018
        moment = datetime(year, 1, 1)
        while moment < datetime(year + 1, 1, 1):
            expected = moment.replace(tzinfo=ZoneInfo(name)).utcoffset()
            # Wall times in a spring-forward gap name no instant; with the onset
            # written in the local time before it (RFC 5545 3.6.5), icalendar's
            # to_tz() gives them the new offset. Every real time must agree.
            if not is_nonexistent(moment, name):
                assert moment.replace(tzinfo=custom).utcoffset() == expected, (
                    name,
                    moment,
                )
            moment += timedelta(minutes=30)


@pytest.mark.parametrize(
    "series",
    [
        {
            "frequency": "weekly",
            "interval": 2,
            "weekdays": ["TU", "SU"],
            "count": 9,
            "start_local": datetime(2030, 3, 3, 2, 30),
            "timezone": "Europe/Berlin",
        },
        {
            "frequency": "monthly",
            "count": 8,
            "start_local": datetime(2030, 1, 31, 9),
            "timezone": "Asia/Kolkata",
        },
        {
            "frequency": "monthly",
            "monthly": "weekday",
            "count": 6,
            "start_local": datetime(2030, 1, 29, 18),
            "timezone": "America/Sao_Paulo",
        },
        {
            "frequency": "daily",
            "interval": 3,
            "until_on": date(2018, 11, 20),
            "start_local": datetime(2018, 10, 30, 23, 30),
            "timezone": "America/Sao_Paulo",
        },
        {
            "frequency": "weekly",
            "count": 5,
            "all_day": True,
            "start_on": date(2030, 3, 29),
            "end_on": date(2030, 3, 30),
            "timezone": "Europe/Berlin",
        },
    ],
)
def test_our_expansion_matches_an_independent_one(client, db, series):
    from community.events import recurrence

    if not series.get("all_day"):
        series["end_local"] = series["start_local"] + timedelta(minutes=90)
    event = make_event(make_community(), **series)
    ours = [item.start_at for item in recurrence.expand(event)]
    body = client.get(f"/events/{event.id}.ics").data
    found = recurring_ical_events.of(parse(body)).between(*LATER)
    if event.all_day:
        theirs = sorted(item["DTSTART"].dt for item in found)
        assert [item.start_local.date() for item in recurrence.expand(event)] == theirs
    else:
        assert ours == [start for start, _ in instants(body)]
    assert len(ours) == len(found) > 1


def test_gzip_etag_answers_304_without_building_the_feed(client, db, monkeypatch):
    from community.events import ical

    make_event(make_community(slug="govstack"))
    zipped = client.get(
        "/c/govstack/events.ics", headers={"Accept-Encoding": "gzip"}
    ).headers["ETag"]
    assert zipped.endswith(':gzip"')

    def not_again(*args, **kwargs):
        raise AssertionError("the feed was built for a client that has it")

    monkeypatch.setattr(ical, "build_calendar", not_again)
    again = client.get(
        "/c/govstack/events.ics",
        headers={"Accept-Encoding": "gzip", "If-None-Match": zipped},
    )
    assert again.status_code == 304 and again.data == b""
