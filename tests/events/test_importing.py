"""Import .ics files: preview, confirm, refuse bad files by line, no duplicates."""

import base64
import io
import zlib
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from community.events.models import Event
from tests.factories import make_community, make_membership, make_user

GOOD = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\n"
    "BEGIN:VEVENT\r\nUID:forum-1@elsewhere.example\r\nSUMMARY:Imported forum\r\n"
    "DTSTART;TZID=Europe/Berlin:20300107T100000\r\nDTEND;TZID=Europe/Berlin:20300107T110000\r\n"
    "RRULE:FREQ=WEEKLY;COUNT=4;BYDAY=MO\r\nEXDATE;TZID=Europe/Berlin:20300114T100000\r\n"
    "DESCRIPTION:Line one\\nline two\\, with comma\r\nLOCATION:Berlin\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:summit-1@elsewhere.example\r\nSUMMARY:Imported summit\r\n"
    "DTSTART;VALUE=DATE:20300601\r\nDTEND;VALUE=DATE:20300604\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:call-1@elsewhere.example\r\nSUMMARY:UTC call\r\n"
    "DTSTART:20300301T140000Z\r\nDURATION:PT45M\r\nEND:VEVENT\r\n"
    "END:VCALENDAR\r\n"
)


@pytest.fixture
def organiser(db, login):
    community = make_community(slug="govstack")
    person = login(make_user(timezone="Africa/Nairobi"))
    make_membership(person, community, role="organiser")
    return person


def upload(client, text: str | bytes, name="calendar.ics"):
    raw = text.encode() if isinstance(text, str) else text
    return client.post(
        "/c/govstack/events/import",
        data={"file": (io.BytesIO(raw), name)},
        content_type="multipart/form-data",
    )


def confirm(client, text: str):
    payload = base64.b64encode(zlib.compress(text.encode())).decode()
    return client.post("/c/govstack/events/import/confirm", data={"payload": payload})


def event_count(db) -> int:
    return db.session.scalar(select(func.count(Event.id)))


def test_preview_then_confirm_then_reimport_without_duplicates(client, db, organiser):
    preview = upload(client, GOOD)
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and event_count(db) == 0
    assert (
        "Imported forum" in page
        and "Mon 7 Jan 2030, 10:00 to 11:00 (Europe/Berlin)" in page
    )
    assert (
        "repeats weekly" in page and "Sat 1 Jun 2030 to Mon 3 Jun 2030, all day" in page
    )
    assert confirm(client, GOOD).status_code == 302
    assert event_count(db) == 3
    forum = db.session.scalar(select(Event).where(Event.title == "Imported forum"))
    assert forum.start_at == datetime(2030, 1, 7, 9, tzinfo=UTC)
    assert forum.description_source == "Line one\nline two, with comma"
    assert [change.cancelled for change in forum.changes] == [True]
    call = db.session.scalar(select(Event).where(Event.title == "UTC call"))
    assert call.timezone == "UTC" and call.end_local.minute == 45
    again = upload(client, GOOD).get_data(as_text=True)
    assert "Updates the event imported before" in again
    assert confirm(client, GOOD).status_code == 302
    assert event_count(db) == 3
    feed = client.get("/c/govstack/events.ics").data
    assert b"EXDATE;TZID=Europe/Berlin:20300114T100000" in feed


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("hello, this is not a calendar", "line 1 should be BEGIN:VCALENDAR"),
        (
            GOOD.replace("LOCATION:Berlin", "this line is broken"),
            "Line 12 is not a valid iCalendar line",
        ),
        (GOOD.replace("END:VCALENDAR\r\n", ""), "ends before END:VCALENDAR"),
        ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "holds no events"),
    ],
)
def test_files_that_are_not_icalendar_are_refused_whole(
    client, db, organiser, text, message
):
    response = upload(client, text)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert confirm(client, text).status_code == 400
    assert event_count(db) == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD.replace("DTSTART:20300301T140000Z\r\n", ""), "has no start (DTSTART)"),
        (GOOD.replace("COUNT=4;", ""), "Say when the series ends"),
        (GOOD.replace("FREQ=WEEKLY", "FREQ=YEARLY"), "repeats YEARLY"),
        (
            GOOD.replace("20300107T100000", "20300331T023000").replace(
                "20300107T110000", "20300331T040000"
            ),
            "does not exist in Europe/Berlin",
        ),
        (GOOD.replace("20300107T100000", "2030010"), "Line 4, “Imported forum”"),
        (GOOD.replace("COUNT=4", "COUNT=x"), "has a RRULE we cannot read"),
    ],
)
def test_events_we_cannot_import_are_listed_as_skipped_with_the_reason(
    client, db, organiser, text, message
):
    response = upload(client, text)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Skipped, and why" in page and message in page
    assert confirm(client, text).status_code == 302
    assert event_count(db) == 2  # the other two events of the file


def test_nul_bytes_in_a_file_are_dropped(client, db, organiser):
    hostile = GOOD.replace("UID:forum-1@", "UID:for\x00um-1@").replace(
        "SUMMARY:Imported forum", "SUMMARY:Imported\x00 forum"
    )
    assert confirm(client, hostile).status_code == 302
    titles = db.session.scalars(select(Event.title).order_by(Event.id)).all()
    assert "Imported forum" in titles


def test_large_and_binary_files_are_refused(client, db, organiser):
    big = GOOD.replace("Line one", "x" * (5 * 1024 * 1024))
    response = upload(client, big)  # over the request limit too: no bare 413 page
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "larger than 4 MB" in page and 'type="file"' in page
    within_request = GOOD.replace("Line one", "x" * (4 * 1024 * 1024 + 10))
    assert "larger than 4 MB" in upload(client, within_request).get_data(as_text=True)
    assert "not UTF-8" in upload(client, b"BEGIN:VCALENDAR\r\n\xff\xfe").get_data(
        as_text=True
    )


def test_only_organisers_may_import(client, db, login):
    community = make_community(slug="govstack")
    member = login(make_user())
    make_membership(member, community)
    assert client.get("/c/govstack/events/import").status_code == 403
    assert confirm(client, GOOD).status_code == 403
    assert event_count(db) == 0
