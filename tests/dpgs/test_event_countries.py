"""Events name the country they are held in; country pages list them."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from community.events.models import Event
from community.extensions import db
from community.timezones import utcnow
from tests.events.test_ical import event_form
from tests.events.test_importing import confirm
from tests.factories import make_community, make_event, make_membership, make_user


@pytest.fixture
def organiser(db, login):
    community = make_community(slug="govstack")
    person = login(make_user(timezone="Africa/Nairobi"))
    make_membership(person, community, role="organiser")
    return person


def test_an_event_held_in_a_country_links_it_and_is_listed_there(client, organiser):
    form = event_form(location="Kigali Convention Centre", country_code="RW")
    response = client.post("/c/govstack/events/new", data=form)
    assert response.status_code == 302
    event = db.session.scalars(select(Event)).one()
    assert event.country_code == "RW"
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert 'href="/countries/rw">Rwanda</a>' in page
    country = client.get("/countries/rw").get_data(as_text=True)
    assert "Events held here" in country and "GovStack community forum" in country
    assert "Coming up" in country
    assert "GovStack community forum" not in client.get("/countries/ke").get_data(
        as_text=True
    )
    edit = client.get(f"/events/{event.id}/edit").get_data(as_text=True)
    assert '<option selected value="RW">' in edit


def test_an_online_event_has_no_country_and_the_text_is_kept(client, organiser):
    form = event_form(location="", country_code="KE", title="Only online")
    response = client.post("/c/govstack/events/new", data=form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "An online event has no country" in page and 'value="Only online"' in page
    assert db.session.scalars(select(Event)).first() is None


@pytest.mark.parametrize("code", ["ZZ", "kenya", "x" * 5000, "<script>"])
def test_unknown_countries_are_refused(client, organiser, code):
    form = event_form(location="Somewhere", country_code=code)
    response = client.post("/c/govstack/events/new", data=form)
    assert response.status_code == 400
    assert db.session.scalars(select(Event)).first() is None


def test_clearing_the_place_clears_the_country(client, organiser):
    client.post(
        "/c/govstack/events/new",
        data=event_form(location="Nairobi", country_code="KE"),
    )
    event = db.session.scalars(select(Event)).one()
    form = event_form(location="Nairobi", country_code="")
    assert client.post(f"/events/{event.id}/edit", data=form).status_code == 302
    db.session.refresh(event)
    assert event.country_code is None


def test_an_import_reads_the_country_from_the_place(client, organiser):
    text = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\n"
        "BEGIN:VEVENT\r\nUID:summit@elsewhere.example\r\nSUMMARY:Summit\r\n"
        "DTSTART:20300301T140000Z\r\nDURATION:PT45M\r\n"
        "LOCATION:Kigali Convention Centre\\, Rwanda\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:call@elsewhere.example\r\nSUMMARY:Call\r\n"
        "DTSTART:20300302T140000Z\r\nDURATION:PT45M\r\n"
        "LOCATION:Room 4\\, Atlantis\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )
    assert confirm(client, text).status_code == 302
    found = dict(db.session.execute(select(Event.title, Event.country_code)).all())
    assert found == {"Summit": "RW", "Call": None}


def test_members_only_events_on_a_country_page_stay_with_members(
    client, db, login, count_queries
):
    secret = make_community(slug="secret", visibility="members")
    member = make_user()
    make_membership(member, secret)
    open_community = make_community()
    start = (utcnow() - timedelta(days=30)).replace(tzinfo=None, microsecond=0)
    make_event(
        secret, member, title="Secret clinic", location="Nairobi", country_code="KE"
    )
    make_event(
        open_community,
        member,
        title="Past open forum",
        location="Mombasa",
        country_code="KE",
        start_local=start,
        end_local=start + timedelta(hours=1),
    )
    for viewer in (None, make_user()):
        if viewer:
            login(viewer)
        page = client.get("/countries/ke").get_data(as_text=True)
        assert "Secret clinic" not in page and "Past open forum" in page
    login(member)
    with count_queries() as counter:
        page = client.get("/countries/ke").get_data(as_text=True)
    assert "Secret clinic" in page and "Past open forum" in page
    assert page.index("Coming up") < page.index("Secret clinic")
    assert page.index("Past</h3>") < page.index("Past open forum")
    assert counter.count <= 10, counter.statements


def test_the_map_and_country_list_count_the_events_the_viewer_may_see(
    client, db, login
):
    from tests.factories import link_dpg, make_dpg

    good = make_dpg(name="Health Kit", deployed=["KE"])
    community = make_community()
    secret = make_community(slug="secret", visibility="members")
    member = make_user()
    make_membership(member, secret)
    linked = make_event(community, member, location="Kigali", country_code="RW")
    link_dpg(linked, good)
    make_event(community, member, location="Kigali", country_code="RW")
    make_event(secret, member, location="Nairobi", country_code="KE")
    page = client.get("/map?measure=events").get_data(as_text=True)
    assert "<title>Rwanda: 2</title>" in page and "<title>Kenya: 0</title>" in page
    assert 'aria-current="page">Events held' in page
    about = client.get("/map?measure=events&dpg=health-kit").get_data(as_text=True)
    assert "<title>Rwanda: 1</title>" in about
    listing = client.get("/countries/").get_data(as_text=True)
    assert "Events held" in listing and ">Kenya<" in listing  # a deployment
    row = listing.split(">Kenya<")[1].split("</tr>")[0]
    assert row.endswith("<td>1</td><td>0</td><td>0</td><td>0</td>")  # no event
    row = listing.split(">Rwanda<")[1].split("</tr>")[0]
    assert row.endswith("<td>0</td><td>0</td><td>2</td><td>0</td>")
    login(member)
    page = client.get("/map?measure=events").get_data(as_text=True)
    assert "<title>Kenya: 1</title>" in page
