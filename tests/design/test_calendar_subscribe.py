"""Issue 20 item 7: "Subscribe" gives each calendar its own step and a copyable
https address; "every public event" subscribes rather than downloads; counts read
right in the singular ("1 seat", "1 person")."""

import html
from datetime import timedelta

from community.timezones import utcnow
from tests.factories import make_community, make_event, make_membership, make_user

SITE = "http://127.0.0.1:5000"  # TestConfig's SITE_URL


def text_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.get_data(as_text=True))


def assert_subscribe_steps(page: str, path: str) -> None:
    address = SITE + path
    field = f'class="copy-field" readonly value="{address}" data-copy="Copy link"'
    assert field in page
    assert f'href="webcal://{address.split("://", 1)[1]}"' in page  # Apple Calendar
    assert "<strong>From URL</strong>" in page  # Google: paste the https address
    assert "<strong>Subscribe from web</strong>" in page  # Outlook
    assert "<strong>New Calendar → On the Network</strong>" in page  # Thunderbird


def test_an_event_page_gives_each_calendar_its_own_step(client, db):
    govstack = make_community(slug="govstack", name="GovStack")
    event = make_event(govstack, title="Forum")
    page = text_of(client, f"/events/{event.id}")
    assert_subscribe_steps(page, "/c/govstack/events.ics")
    assert "Subscribe to GovStack" in page
    assert f'href="/events/{event.id}.ics" download' in page  # one event: a file


def test_a_members_only_event_offers_no_public_subscription(client, db, login):
    room = make_community(slug="room", visibility="members")
    member = make_user()
    make_membership(member, room)
    event = make_event(room, title="Closed call")
    login(member)
    page = text_of(client, f"/events/{event.id}")
    assert "copy-field" not in page and "/c/room/events.ics" not in page


def test_every_public_event_subscribes_rather_than_downloads(client, db):
    make_community(slug="govstack", name="GovStack")
    page = text_of(client, "/events/")
    assert 'href="/calendar.ics"' not in page
    assert "Subscribe to every public event" in page
    assert_subscribe_steps(page, "/calendar.ics")
    one = text_of(client, "/events/?community=govstack")
    assert_subscribe_steps(one, "/c/govstack/events.ics")


def test_a_members_only_filter_never_shows_its_feed(client, db, login):
    room = make_community(slug="room", name="Room", visibility="members")
    member = make_user()
    make_membership(member, room)
    login(member)
    page = text_of(client, "/events/?community=room")
    assert "/c/room/events.ics" not in page
    assert_subscribe_steps(page, "/calendar.ics")


def test_the_community_page_links_to_its_subscription(client, db):
    make_community(slug="govstack", name="GovStack")
    page = text_of(client, "/c/govstack")
    assert 'href="/events/?community=govstack#subscribe"' in page


def test_the_help_page_and_the_personal_feed_use_the_same_steps(client, db, login):
    assert_subscribe_steps(text_of(client, "/events/calendar-help"), "/calendar.ics")
    person = login(make_user())
    settings = text_of(client, "/auth/settings")
    assert_subscribe_steps(settings, f"/calendar/{person.calendar_token}.ics")


def test_the_copy_button_is_the_existing_script_s_enhancement(client, db):
    script = client.get("/static/timezone.js")
    if script.status_code != 200:  # served under its hashed name
        page = text_of(client, "/events/")
        src = page.split('<script src="', 1)[1].split('"', 1)[0]
        script = client.get(src)
    body = script.get_data(as_text=True)
    assert "data-copy" in body and "clipboard" in body


def test_one_seat_and_one_person_read_in_the_singular(client, db, login):
    organiser = make_user()
    community = make_community()
    make_membership(organiser, community, role="organiser")
    start = (utcnow() + timedelta(days=2)).replace(tzinfo=None, microsecond=0)
    series = make_event(
        community,
        organiser,
        capacity=1,
        start_local=start,
        end_local=start + timedelta(hours=1),
        frequency="weekly",
        count=3,
    )
    login(make_user())
    client.post(f"/events/{series.id}/rsvp", data={"answer": "going"})
    login(organiser)
    dates = text_of(client, f"/events/{series.id}/dates")
    assert "1 of 1 seat taken" in dates and "seats" not in dates
    attendees = text_of(client, f"/events/{series.id}/attendees")
    assert "of 1 seat)" in attendees
    cancel = text_of(client, f"/events/{series.id}/cancel")
    assert "The 1 person going" in cancel
