"""Import that loses nothing without saying so (issue 17, items 9 to 11)."""

import base64
import io
import zlib
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from community.events.models import Event, EventOccurrence
from tests.events.calendar_parsers import via_icalendar
from tests.events.test_calendar_parsers import tricky_community
from tests.factories import make_community, make_membership, make_user

HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar//EN\r\n"
SERIES = (
    "BEGIN:VEVENT\r\nUID:weekly@google.example\r\nSUMMARY:Weekly sync\r\n"
    "DTSTART;TZID=Europe/Berlin:20300107T100000\r\n"
    "DTEND;TZID=Europe/Berlin:20300107T110000\r\n"
    "RRULE:FREQ=WEEKLY;COUNT=6;BYDAY=MO\r\n"
    "URL:https://calendar.google.example/event?eid=abc\r\n"
    "CONFERENCE;VALUE=URI:https://meet.example.org/sync\r\n"
    "END:VEVENT\r\n"
    # Moved: the 14 January date happens on Tuesday 15th at 16:00.
    "BEGIN:VEVENT\r\nUID:weekly@google.example\r\nSUMMARY:Weekly sync\r\n"
    "RECURRENCE-ID;TZID=Europe/Berlin:20300114T100000\r\n"
    "DTSTART;TZID=Europe/Berlin:20300115T160000\r\n"
    "DTEND;TZID=Europe/Berlin:20300115T170000\r\n"
    "LOCATION:Room 4\r\nEND:VEVENT\r\n"
    # Cancelled the way Google exports it: an override with STATUS:CANCELLED.
    "BEGIN:VEVENT\r\nUID:weekly@google.example\r\nSUMMARY:Weekly sync\r\n"
    "RECURRENCE-ID;TZID=Europe/Berlin:20300121T100000\r\n"
    "DTSTART;TZID=Europe/Berlin:20300121T100000\r\n"
    "DTEND;TZID=Europe/Berlin:20300121T110000\r\n"
    "STATUS:CANCELLED\r\nEND:VEVENT\r\n"
)
CANCELLED = (
    "BEGIN:VEVENT\r\nUID:gone@google.example\r\nSUMMARY:Called off\r\n"
    "DTSTART:20300301T140000Z\r\nDTEND:20300301T150000Z\r\n"
    "STATUS:CANCELLED\r\nEND:VEVENT\r\n"
)
ORPHAN = (
    "BEGIN:VEVENT\r\nUID:lonely@google.example\r\nSUMMARY:Lonely change\r\n"
    "RECURRENCE-ID:20300301T140000Z\r\n"
    "DTSTART:20300302T140000Z\r\nDTEND:20300302T150000Z\r\nEND:VEVENT\r\n"
)
YEARLY = (
    "BEGIN:VEVENT\r\nUID:birthday@google.example\r\nSUMMARY:Anniversary\r\n"
    "DTSTART;VALUE=DATE:20300505\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n"
)
OUTLOOK_ZONE = (
    "BEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\n"
    "BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\n"
    "END:VTIMEZONE\r\n"
)
OUTLOOK_SERIES = (
    "BEGIN:VEVENT\r\nUID:outlook@contoso.example\r\nSUMMARY:Outlook weekly\r\n"
    "DTSTART;TZID=Customized Time Zone:20300311T100000\r\n"
    "DTEND;TZID=Customized Time Zone:20300311T110000\r\n"
    "RRULE:FREQ=WEEKLY;COUNT=6;BYDAY=MO\r\nEND:VEVENT\r\n"
)
TAIL = "END:VCALENDAR\r\n"


@pytest.fixture
def organiser(db, login):
    community = make_community(slug="target")
    person = login(make_user(timezone="Africa/Nairobi"))
    make_membership(person, community, role="organiser")
    return person


def upload(client, text, slug="target"):
    raw = text.encode() if isinstance(text, str) else text
    return client.post(
        f"/c/{slug}/events/import",
        data={"file": (io.BytesIO(raw), "calendar.ics")},
        content_type="multipart/form-data",
    )


def confirm(client, text, slug="target"):
    raw = text.encode() if isinstance(text, str) else text
    payload = base64.b64encode(zlib.compress(raw)).decode()
    return client.post(f"/c/{slug}/events/import/confirm", data={"payload": payload})


def event_named(db, title) -> Event:
    return db.session.scalar(select(Event).where(Event.title == title))


def dates_of(db, event) -> list[EventOccurrence]:
    return list(
        db.session.scalars(
            select(EventOccurrence)
            .where(EventOccurrence.event_id == event.id)
            .order_by(EventOccurrence.original_start_at)
        )
    )


def test_overrides_cancellations_and_source_url_arrive_as_they_were(
    client, db, organiser
):
    text = HEAD + SERIES + CANCELLED + TAIL
    assert confirm(client, text).status_code == 302
    series = event_named(db, "Weekly sync")
    rows = dates_of(db, series)
    assert len(rows) == 6
    moved, cancelled = rows[1], rows[2]
    assert moved.moved and moved.start_at == datetime(2030, 1, 15, 15, tzinfo=UTC)
    assert cancelled.cancelled
    assert [change.location for change in series.changes if change.start_at] == [
        "Room 4"
    ]
    # The source's URL is its own page; the join link is the CONFERENCE.
    assert series.online_url == "https://meet.example.org/sync"
    assert event_named(db, "Called off").is_cancelled


def test_preview_counts_and_lists_every_skip_with_its_reason(client, db, organiser):
    text = HEAD + SERIES + CANCELLED + ORPHAN + YEARLY + TAIL
    page = upload(client, text).get_data(as_text=True)
    counts = page[page.index("import-counts") : page.index("</dl>")]
    for label, number in (
        ("Events", 2),
        ("Of them, series", 1),
        ("Moved dates", 1),
        ("Cancelled dates", 1),
        ("Cancelled events", 1),
        ("Skipped", 2),
    ):
        assert f"<dt>{label}</dt><dd>{number}</dd>" in counts, label
    assert "“Lonely change”: it changes one date of a series that is not imported" in (
        page.replace("&#34;", '"')
    )
    assert "“Anniversary”: it repeats YEARLY we do not support" in page


def test_outlook_custom_zone_becomes_the_matching_iana_zone(client, db, organiser):
    text = HEAD + OUTLOOK_ZONE + OUTLOOK_SERIES + TAIL
    page = upload(client, text).get_data(as_text=True)
    assert "“Customized Time Zone” is defined only in the file" in page
    assert "Europe/Berlin" in page
    assert confirm(client, text).status_code == 302
    event = event_named(db, "Outlook weekly")
    assert event.timezone == "Europe/Berlin"
    # 10:00 every Monday across the 31 March 2030 change: 09:00, then 08:00 UTC.
    hours = [row.start_at.hour for row in dates_of(db, event)]
    assert hours == [9, 9, 9, 8, 8, 8]


def test_our_own_export_imports_back_exactly(client, db, login):
    source, organiser = tricky_community(db)
    exported = client.get("/c/tricky/events.ics").data
    target = make_community(slug="copy")
    make_membership(organiser, target, role="organiser")
    login(organiser)
    assert confirm(client, exported, slug="copy").status_code == 302
    copied = client.get("/c/copy/events.ics").data

    def by_title(body):
        import icalendar

        calendar = icalendar.Calendar.from_ical(body)
        titles = {
            str(item["UID"]): str(item["SUMMARY"]) for item in calendar.walk("VEVENT")
        }
        return {titles[uid]: dates for uid, dates in via_icalendar(body).items()}

    assert by_title(copied) == by_title(exported)
    fields = (
        "title",
        "timezone",
        "all_day",
        "start_local",
        "end_local",
        "location",
        "country_code",
        "online_url",
        "status",
        "repeat_frequency",
        "repeat_interval",
        "repeat_weekdays",
        "repeat_monthly",
        "repeat_count",
        "repeat_until_on",
    )

    def shape(community):
        events = db.session.scalars(
            select(Event).where(Event.community_id == community.id)
        )
        found = {}
        for event in events:
            values = {name: getattr(event, name) for name in fields}
            if event.all_day:
                values.pop("timezone")  # DATE values carry no zone
            if event.repeat_frequency == "weekly" and not event.repeat_weekdays:
                # No weekdays means the start's own: the export names it.
                values["repeat_weekdays"] = event.start_local.strftime("%a")[:2].upper()
            values["changes"] = sorted(
                (c.original_start_at, c.cancelled, c.start_at, c.location)
                for c in event.changes
            )
            found[event.title] = values
        return found

    assert shape(target) == shape(source)
    again = upload(client, exported, slug="copy").get_data(as_text=True)
    assert "Skipped" in again and "<dt>Skipped</dt><dd>0</dd>" in again


def test_a_stated_country_wins_over_the_place_and_needs_a_place(client, db, organiser):
    """X-HUB-COUNTRY (our export's) is read back when it is a known code; an
    unknown one falls back to the place's last part; without a place there is
    no country (an online event)."""

    def vevent(uid, country, location=""):
        place = f"LOCATION:{location}\r\n" if location else ""
        return (
            f"BEGIN:VEVENT\r\nUID:{uid}@elsewhere.example\r\nSUMMARY:{uid}\r\n"
            "DTSTART:20300301T140000Z\r\nDURATION:PT45M\r\n"
            f"{place}X-HUB-COUNTRY:{country}\r\nEND:VEVENT\r\n"
        )

    text = (
        HEAD
        + vevent("stated", "ke", "Room 4\\, Riverside")
        + vevent("wins", "TZ", "Hall\\, Kenya")
        + vevent("unknown", "QQ", "Hall\\, Rwanda")
        + vevent("online", "KE")
        + TAIL
    )
    assert confirm(client, text).status_code == 302
    found = dict(db.session.execute(select(Event.title, Event.country_code)).all())
    assert found == {"stated": "KE", "wins": "TZ", "unknown": "RW", "online": None}
