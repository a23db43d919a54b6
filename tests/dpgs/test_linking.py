"""Lessons, threads and events name DPGs from the catalogue; an unknown name is
a suggestion for staff, never a new DPG; every side shows the links."""

import pytest
from sqlalchemy import func, select

from community.dpgs.models import Dpg, DpgSuggestion
from community.learnings.models import Lesson
from tests.events.test_ical import event_form
from tests.factories import (
    make_community,
    make_dpg,
    make_membership,
    make_thread,
    make_user,
)

LESSON = {
    "title": "Health data at district level",
    "summary": "What a district learned.",
    "pilot_name": "District pilot",
    "countries": ["KE"],
    "sector": "health",
    "stage": "pilot",
    "year": "2024",
    "authors": "A. Author",
    "organisation": "Ministry",
    "community_id": "",
    "learned": "Start small.",
}


@pytest.fixture
def catalogue(db):
    return (
        make_dpg(name="DHIS2", slug="dhis2"),
        make_dpg(
            name="Modular Open Source Identity Platform",
            slug="modular-open-source-identity-platform",
            facts={"aliases": ["MOSIP"]},
        ),
    )


@pytest.fixture
def member(db, login):
    community = make_community(slug="govstack")
    person = login(make_user())
    make_membership(person, community, role="organiser")
    return person


def dpg_count() -> int:
    from community.extensions import db

    return db.session.scalar(select(func.count()).select_from(Dpg))


def test_a_thread_names_dpgs_by_name_or_alias_and_unknown_ones_wait(
    client, db, catalogue, member
):
    form = client.get("/c/govstack/new?dpg=dhis2").get_data(as_text=True)
    assert 'value="DHIS2"' in form and '<option value="DHIS2">' in form
    data = {
        "title": "Linking DHIS2 and ID",
        "kind": "question",
        "body": "How?",
        "dpgs": "dhis2, mosip,  Made Up Good ",
    }
    response = client.post("/c/govstack/new", data=data, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Not in the catalogue yet: Made Up Good" in page
    assert 'href="/dpgs/dhis2"' in page
    assert 'href="/dpgs/modular-open-source-identity-platform"' in page
    assert dpg_count() == 2  # nothing created silently
    suggestion = db.session.scalar(select(DpgSuggestion))
    assert (suggestion.name, suggestion.source_kind) == ("Made Up Good", "thread")
    dpg_page = client.get("/dpgs/dhis2").get_data(as_text=True)
    assert "Linking DHIS2 and ID" in dpg_page


def test_editing_a_thread_changes_its_dpgs(client, db, catalogue, member):
    from community.communities.models import Community

    community = db.session.scalar(select(Community))
    thread = make_thread(community, member, title="Changing goods")
    form = client.get(f"/t/{thread.id}/edit").get_data(as_text=True)
    assert 'name="dpgs"' in form
    client.post(
        f"/t/{thread.id}/edit", data={"title": "Changing goods", "dpgs": "DHIS2"}
    )
    assert "Changing goods" in client.get("/dpgs/dhis2").get_data(as_text=True)
    client.post(f"/t/{thread.id}/edit", data={"title": "Changing goods", "dpgs": ""})
    assert "Changing goods" not in client.get("/dpgs/dhis2").get_data(as_text=True)


def test_an_event_names_dpgs_and_shows_them(client, db, catalogue, member):
    form = client.get("/c/govstack/events/new?dpg=dhis2").get_data(as_text=True)
    assert 'value="DHIS2"' in form
    data = event_form(title="DHIS2 clinic", dpgs="DHIS2, MOSIP")
    response = client.post("/c/govstack/events/new", data=data, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page[:2000]
    assert 'href="/dpgs/dhis2"' in page
    assert "DHIS2 clinic" in client.get("/dpgs/dhis2").get_data(as_text=True)


def test_a_lesson_names_dpgs_and_staff_adding_the_missing_one_links_it(
    client, db, catalogue, member, login
):
    form = client.get("/learnings/new?dpg=dhis2").get_data(as_text=True)
    assert 'value="DHIS2"' in form
    response = client.post(
        "/learnings/new",
        data={**LESSON, "dpgs": "DHIS2, Made Up Good"},
        follow_redirects=True,
    )
    assert "Not in the catalogue yet: Made Up Good" in response.get_data(as_text=True)
    lesson = db.session.scalar(select(Lesson))
    assert [dpg.slug for dpg in lesson.working_version.dpgs] == ["dhis2"]

    login(make_user(is_editor=True))
    listing = client.get("/dpgs/suggestions").get_data(as_text=True)
    assert "Made Up Good" in listing and "1 time" in listing
    assert 'href="/dpgs/new?name=Made+Up+Good"' in listing
    assert 'value="Made Up Good"' in client.get("/dpgs/new?name=Made+Up+Good").get_data(
        as_text=True
    )
    client.post("/dpgs/new", data={"name": "Made Up Good", "sdgs": []})
    db.session.expire_all()
    names = sorted(dpg.name for dpg in lesson.working_version.dpgs)
    assert names == ["DHIS2", "Made Up Good"]
    assert "Nothing is waiting." in client.get("/dpgs/suggestions").get_data(
        as_text=True
    )


def test_staff_dismiss_a_suggestion_and_others_may_not(
    client, db, catalogue, member, login
):
    from community.communities.models import Community

    community = db.session.scalar(select(Community))
    thread = make_thread(community, member, title="Odd names")
    client.post(f"/t/{thread.id}/edit", data={"title": "Odd names", "dpgs": "Nonsense"})
    assert client.get("/dpgs/suggestions").status_code == 403
    assert (
        client.post("/dpgs/suggestions/dismiss", data={"name": "Nonsense"}).status_code
        == 403
    )
    login(make_user(site_role="moderator"))
    response = client.post("/dpgs/suggestions/dismiss", data={"name": "Nonsense"})
    assert response.status_code == 302
    assert (
        client.post("/dpgs/suggestions/dismiss", data={"name": "Nonsense"}).status_code
        == 404
    )
    assert "Nothing is waiting." in client.get("/dpgs/suggestions").get_data(
        as_text=True
    )


def test_too_many_or_too_long_names_are_a_400_with_the_text_kept(
    client, db, catalogue, member
):
    many = ", ".join(f"Good {number}" for number in range(11))
    for names, message in ((many, "at most 10"), ("x" * 200, "150 characters")):
        data = {
            "title": "Too many",
            "kind": "question",
            "body": "Body kept",
            "dpgs": names,
        }
        response = client.post("/c/govstack/new", data=data)
        page = response.get_data(as_text=True)
        assert response.status_code == 400
        assert message in page and "Body kept" in page


def test_deleting_an_account_takes_its_drafts_links_and_suggestions(
    client, db, catalogue, member
):
    from tests.factories import PASSWORD

    data = {**LESSON, "dpgs": "DHIS2, Only In My Draft"}
    assert client.post("/learnings/new", data=data).status_code == 302
    assert db.session.scalar(select(func.count()).select_from(DpgSuggestion)) == 1
    response = client.post(
        "/auth/settings/delete", data={"posts": "keep", "password": PASSWORD}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Lesson)) == 0
    assert db.session.scalar(select(func.count()).select_from(DpgSuggestion)) == 0
    assert dpg_count() == 2  # the catalogue itself stays
