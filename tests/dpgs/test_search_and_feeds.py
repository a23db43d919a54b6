"""Search finds DPGs; the public calendar and the lessons' Atom feed filter by
DPG, with the same ETag/304 rules and without members-only content."""

import pytest

from tests.dpgs.test_importing import FIXTURE, run_import
from tests.factories import (
    link_dpg,
    make_community,
    make_dpg,
    make_event,
    make_lesson,
    make_user,
)


def test_search_finds_imported_and_staff_added_goods(app, client, db, login):
    run_import(app, FIXTURE)
    page = client.get("/search?q=ledger").get_data(as_text=True)
    assert 'href="/dpgs/open-ledger"' in page and "Digital public good" in page
    page = client.get("/search?q=OL&kind=dpg").get_data(as_text=True)  # an alias
    assert 'href="/dpgs/open-ledger"' in page
    login(make_user(is_editor=True))
    client.post("/dpgs/new", data={"name": "Zebra Registry", "description": "Stripes"})
    page = client.get("/search?q=stripes").get_data(as_text=True)
    assert 'href="/dpgs/zebra-registry"' in page


@pytest.fixture
def linked_events(db):
    dhis2 = make_dpg(name="DHIS2", slug="dhis2")
    public = make_event(title="DHIS2 public clinic")
    link_dpg(public, dhis2)
    make_event(title="Unrelated webinar")
    secret = make_community(slug="peers", visibility="members")
    hidden = make_event(secret, title="DHIS2 secret meeting")
    link_dpg(hidden, dhis2)
    return dhis2


def test_the_public_calendar_filters_by_dpg_with_etags(client, linked_events):
    response = client.get("/calendar.ics?dpg=dhis2")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/calendar")
    assert "DHIS2 public clinic" in body
    assert "Unrelated webinar" not in body and "secret" not in body
    assert "DHIS2" in body.split("X-WR-CALNAME:")[1].splitlines()[0]
    etag = response.headers["ETag"]
    assert etag != client.get("/calendar.ics").headers["ETag"]
    again = client.get("/calendar.ics?dpg=dhis2", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert client.get("/calendar.ics?dpg=nothing-like-it").status_code == 404


def test_the_lessons_feed_filters_by_dpg_and_hides_members_only(client, db):
    dhis2 = make_dpg(name="DHIS2", slug="dhis2")
    link_dpg(make_lesson(title="Public DHIS2 lesson", dpgs=[]), dhis2)
    make_lesson(title="Other lesson", dpgs=[])
    secret = make_community(slug="peers", visibility="members")
    link_dpg(make_lesson(title="Secret DHIS2 lesson", community=secret, dpgs=[]), dhis2)
    response = client.get("/learnings/feed.atom?dpg=dhis2")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Public DHIS2 lesson" in body
    assert "Other lesson" not in body and "Secret DHIS2 lesson" not in body
    etag = response.headers["ETag"]
    again = client.get(
        "/learnings/feed.atom?dpg=dhis2", headers={"If-None-Match": etag}
    )
    assert again.status_code == 304
    assert client.get("/learnings/feed.atom?dpg=nothing").status_code == 404


def test_a_community_feed_filters_by_dpg(client, db):
    from tests.factories import make_thread

    dhis2 = make_dpg(name="DHIS2", slug="dhis2")
    community = make_community(slug="govstack")
    author = make_user()
    link_dpg(make_thread(community, author, title="About DHIS2 upgrades"), dhis2)
    make_thread(community, author, title="About something else")
    body = client.get("/c/govstack/feed.atom?dpg=dhis2").get_data(as_text=True)
    assert "About DHIS2 upgrades" in body and "something else" not in body
    everything = client.get("/c/govstack/feed.atom")
    assert "something else" in everything.get_data(as_text=True)
    etag = client.get("/c/govstack/feed.atom?dpg=dhis2").headers["ETag"]
    assert etag != everything.headers["ETag"]
    headers = {"If-None-Match": etag}
    assert (
        client.get("/c/govstack/feed.atom?dpg=dhis2", headers=headers).status_code
        == 304
    )
    assert client.get("/c/govstack/feed.atom?dpg=nothing").status_code == 404


def test_search_filters_by_dpg_and_by_country(client, db):
    from tests.factories import make_thread

    dhis2 = make_dpg(name="DHIS2", slug="dhis2", deployed=["UG"])
    community = make_community(slug="govstack")
    author = make_user()
    link_dpg(make_thread(community, author, title="Tracker sync offline"), dhis2)
    make_thread(community, author, title="Tracker sync for payments")
    make_lesson(title="Tracker sync in Kenya", countries=["KE"], dpgs=[])
    from community.search.indexing import reindex_all

    reindex_all()  # the factories skip the publishing path that indexes
    db.session.commit()
    about = client.get("/search?q=tracker&dpg=dhis2").get_data(as_text=True)
    assert "Tracker sync offline" in about and "for payments" not in about
    assert 'name="dpg" type="text" value="dhis2"' in about  # the filter stays on
    assert "search everywhere" in about
    kenya = client.get("/search?q=tracker&country=ke").get_data(as_text=True)
    assert "Tracker sync in Kenya" in kenya and "Tracker sync offline" not in kenya
    nothing = client.get("/search?q=tracker&dpg=unknown-good").get_data(as_text=True)
    assert "Tracker sync" not in nothing
    uganda = client.get("/search?q=dhis2&country=UG").get_data(as_text=True)
    assert 'href="/dpgs/dhis2"' in uganda
    assert 'name="dpg" value="dhis2"' in client.get("/dpgs/dhis2").get_data(
        as_text=True
    )
