"""Organisers schedule, edit and cancel; bad input is refused with the form kept."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from community.events.models import Event, Rsvp
from community.notifications.models import Notification
from tests.events.test_ical import event_form
from tests.factories import make_community, make_event, make_membership, make_user


@pytest.fixture
def organiser(db, login):
    community = make_community(slug="govstack")
    person = login(make_user(display_name="Olga Organiser", timezone="Africa/Nairobi"))
    make_membership(person, community, role="organiser")
    return person


def only_event() -> Event:
    from community.extensions import db

    return db.session.scalars(select(Event)).one()


def test_new_event_form_defaults_to_the_organisers_zone(client, organiser):
    page = client.get("/c/govstack/events/new").get_data(as_text=True)
    assert '<option selected value="Africa/Nairobi">' in page
    assert "Schedule an event in" in page
    # The account settings' grouped select (community/forms.zone_field), with
    # search-as-you-type from timezone.js: no text box wanting an IANA name.
    assert "data-zone-select" in page and "/assets/timezone." in page
    assert '<optgroup label="Asia">' in page and "Kolkata — India" in page
    assert 'list="zone-names"' not in page


def test_an_event_in_a_zone_the_list_leaves_out_keeps_it(client, organiser):
    from community.communities.models import Community
    from community.extensions import db

    community = db.session.scalars(select(Community)).one()
    event = make_event(community, organiser, timezone="Asia/Calcutta")
    page = client.get(f"/events/{event.id}/edit").get_data(as_text=True)
    assert '<option selected value="Asia/Calcutta">' in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_local": "2030-03-18T09:00"}, "must end after it starts"),
        ({"timezone": "Mars/Olympus_Mons"}, "is not a time zone we know"),
        (
            {"start_local": "2030-03-31T02:30", "end_local": "2030-03-31T04:00"},
            "does not exist in Europe/Berlin",
        ),
        ({"repeat_frequency": "weekly"}, "Say when the series ends"),
        ({"repeat_frequency": "daily", "repeat_count": "501"}, "at most 500"),
        (
            {"repeat_frequency": "daily", "repeat_until_on": "2032-12-31"},
            "more than 500",
        ),
        (
            {"repeat_frequency": "daily", "repeat_until_on": "2030-01-01"},
            "ends before it starts",
        ),
        ({"online_url": "javascript:alert(1)"}, "starting with https://"),
        (
            {
                "repeat_frequency": "weekly",
                "repeat_weekdays": "TU",
                "repeat_count": "3",
            },
            "The first date is a Monday: tick Monday too",
        ),
        (
            {"start_local": "9999-12-31T23:00", "end_local": "9999-12-31T23:30"},
            "between 1900 and 2200",
        ),
        (
            {
                "repeat_frequency": "daily",
                "repeat_count": "3",
                "repeat_until_on": "2030-04-01",
            },
            "not both",
        ),
        ({"start_local": ""}, "Give a start and an end time"),
        (
            {"all_day": "y", "start_on": "2030-05-03", "end_on": "2030-05-01"},
            "last day is before",
        ),
    ],
)
def test_bad_input_is_refused_with_the_text_kept(client, organiser, changes, message):
    response = client.post(
        "/c/govstack/events/new",
        data=event_form(title="Kept title", description="Kept description", **changes),
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page
    assert "Kept title" in page and "Kept description" in page
    from community.extensions import db

    assert db.session.scalar(select(Event.id)) is None


def test_ambiguous_autumn_time_takes_the_first_and_says_so(client, organiser):
    form = event_form(start_local="2030-10-27T02:30", end_local="2030-10-27T03:30")
    response = client.post("/c/govstack/events/new", data=form, follow_redirects=True)
    assert response.status_code == 200
    assert "happens twice in Europe/Berlin" in response.get_data(as_text=True)
    # The first 02:30 is still summer time (UTC+2).
    assert only_event().start_at == datetime(2030, 10, 27, 0, 30, tzinfo=UTC)


def test_all_day_and_monthly_second_tuesday_events(client, organiser):
    form = event_form(
        all_day="y",
        start_on="2030-06-01",
        end_on="2030-06-03",
        start_local="",
        end_local="",
    )
    assert client.post("/c/govstack/events/new", data=form).status_code == 302
    event = only_event()
    assert event.all_day and event.end_on.isoformat() == "2030-06-03"
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Saturday 1 June 2030" in page and "Monday 3 June 2030" in page
    monthly = event_form(
        title="PM call",
        timezone="UTC",
        start_local="2030-01-08T14:00",
        end_local="2030-01-08T15:00",
        repeat_frequency="monthly",
        repeat_monthly="weekday",
        repeat_count="3",
    )
    response = client.post("/c/govstack/events/new", data=monthly)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Every month on the second Tuesday at 14:00 UTC, 3 times." in page
    from community.events.recurrence import expand
    from community.extensions import db

    series = db.session.scalar(select(Event).where(Event.title == "PM call"))
    assert [item.start_local.day for item in expand(series)] == [8, 12, 12]


def test_capacity_cannot_drop_below_the_number_going(client, organiser, login):
    community = only_community()
    event = make_event(community, organiser, capacity=5)
    for _ in range(3):
        login(make_user())
        client.post(f"/events/{event.id}/rsvp", data={"answer": "going"})
    login(organiser)
    response = client.post(f"/events/{event.id}/edit", data=event_form(capacity="2"))
    assert response.status_code == 400
    assert "3 people are already going" in response.get_data(as_text=True)


def only_community():
    from community.communities.models import Community
    from community.extensions import db

    return db.session.scalars(select(Community)).one()


def test_editing_and_cancelling_notify_the_people_who_answered(
    client, organiser, login, mailbox
):
    event = make_event(only_community(), organiser, title="Forum")
    attendee = make_user(email_frequency="immediately")
    login(attendee)
    client.post(f"/events/{event.id}/rsvp", data={"answer": "going"})
    login(organiser)
    client.post(
        f"/events/{event.id}/edit", data=event_form(title="Forum", location="Room 9")
    )
    client.post(f"/events/{event.id}/cancel")
    from community.extensions import db

    messages = db.session.scalars(
        select(Notification.message)
        .where(Notification.user_id == attendee.id)
        .order_by(Notification.id)
    ).all()
    assert (
        "changed: " in messages[0] and "place" in messages[0] and "time" in messages[0]
    )
    assert "Where: Room 9" in messages[0] and "(Europe/Berlin)" in messages[0]
    assert "has been cancelled" in messages[1]
    mailbox.wait_for(2)
    assert len(mailbox.bodies_to(attendee.email)) == 2
    assert (
        "cancelled" in client.get(f"/events/{event.id}").get_data(as_text=True).lower()
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [("anonymous", 302), ("member", 403), ("organiser", 200), ("admin", 200)],
)
def test_who_may_schedule_and_edit(client, db, login, who, status):
    community = make_community(slug="govstack")
    event = make_event(community, title="Forum")
    if who != "anonymous":
        person = make_user(site_role="admin" if who == "admin" else "member")
        if who in ("member", "organiser"):
            make_membership(person, community, role=who)
        login(person)
    assert client.get("/c/govstack/events/new").status_code == status
    assert client.get(f"/events/{event.id}/edit").status_code == status
    assert client.get(f"/events/{event.id}/attendees").status_code == status
    csv = client.get(f"/events/{event.id}/attendees.csv")
    assert csv.status_code == status


def test_site_wide_events_are_for_admins(client, db, login):
    login(make_user())
    assert client.get("/events/new").status_code == 403
    login(make_user(site_role="admin"))
    response = client.post("/events/new", data=event_form(title="DPI summit"))
    assert response.status_code == 302
    event = only_event()
    assert event.community_id is None and event.title == "DPI summit"


def test_outsiders_get_404_for_members_only_events(client, db, login):
    private = make_community(visibility="members")
    event = make_event(private)
    login(make_user())
    for url in (
        f"/events/{event.id}/edit",
        f"/events/{event.id}/dates",
        f"/events/{event.id}/attendees",
        f"/events/{event.id}/attendees.csv",
    ):
        assert client.get(url).status_code == 404, url
    for date in ("", "all"):
        response = client.post(
            f"/events/{event.id}/rsvp", data={"answer": "going", "date": date}
        )
        assert response.status_code == 404
    from community.extensions import db as database

    assert database.session.scalar(select(Rsvp.id)) is None
