"""Writing a lesson over HTTP: drafts, edits, and the bad input the issue lists."""

import pytest
from sqlalchemy import select

from community.learnings.models import Lesson
from tests.factories import (
    catalogue_dpg,
    make_community,
    make_lesson,
    make_membership,
    make_user,
)

VALID = {
    "title": "Registering births at health posts",
    "summary": "Linking birth registration to vaccination visits doubled coverage.",
    "pilot_name": "Birth registration at health posts",
    "countries": ["UG", "KE"],
    "sector": "civil-registration",
    "dpgs": "OpenCRVS, DHIS2",
    "stage": "pilot",
    "year": "2025",
    "authors": "Amina Njoroge, Ravi Menon",
    "organisation": "Ministry of ICT",
    "evidence_links": "https://example.org/report.pdf\nhttp://example.org/data",
    "community_id": "",
    "context": "Two districts, **paper** registers.",
    "done": "Clerks used tablets.",
    "learned": "Registration follows services people already use.",
    "recommendations": "Start where people already come.",
}


def test_a_member_writes_a_draft_only_they_and_editors_see(client, db, login, logout):
    catalogue_dpg("OpenCRVS"), catalogue_dpg("DHIS2")
    author = login(make_user())
    response = client.post("/learnings/new", data=VALID)
    assert response.status_code == 302
    lesson = db.session.scalar(select(Lesson))
    assert lesson.slug == "registering-births-at-health-posts"
    assert lesson.status == "draft" and lesson.published_version_id is None
    version = lesson.working_version
    assert [country.code for country in version.countries] == ["KE", "UG"]
    assert {country.region for country in version.countries} == {"Africa"}
    assert sorted(dpg.name for dpg in version.dpgs) == ["DHIS2", "OpenCRVS"]
    assert version.links == [
        "https://example.org/report.pdf",
        "http://example.org/data",
    ]
    assert "paper" in version.context_html and "**paper**" in version.context_source

    page = client.get(f"/learnings/{lesson.slug}")
    assert page.status_code == 200 and b"Submit for review" in page.data
    assert b"only its author and editors can see it" in page.data

    login(make_user())
    assert client.get(f"/learnings/{lesson.slug}").status_code == 404
    assert client.get(f"/learnings/{lesson.slug}/draft").status_code == 404
    login(make_user(is_editor=True))
    assert client.get(f"/learnings/{lesson.slug}").status_code == 200
    logout()
    assert client.get(f"/learnings/{lesson.slug}").status_code == 404
    assert b"Registering births" not in client.get("/learnings/").data
    assert author.id == lesson.author_id


def test_the_slug_is_unique_and_stays_when_the_title_changes(client, db, login):
    author = login(make_user())
    client.post("/learnings/new", data=VALID)
    client.post("/learnings/new", data=VALID)
    slugs = sorted(db.session.scalars(select(Lesson.slug)))
    assert slugs == [
        "registering-births-at-health-posts",
        "registering-births-at-health-posts-2",
    ]
    response = client.post(
        "/learnings/registering-births-at-health-posts/edit",
        data={**VALID, "title": "A new title"},
    )
    assert response.status_code == 302
    lesson = db.session.scalar(
        select(Lesson).where(Lesson.slug == "registering-births-at-health-posts")
    )
    assert lesson.working_version.title == "A new title"
    assert lesson.author_id == author.id


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "Give the lesson a title."),
        ({"learned": ""}, "Write what you learned."),
        ({"summary": "x" * 301}, "300 characters or fewer"),
        ({"countries": ["KE", "QQ"]}, "is not an ISO 3166 country code"),
        ({"countries": []}, "Choose at least one country."),
        ({"sector": "mining"}, "Choose a sector from the list."),
        ({"stage": "dreaming"}, "Choose a stage from the list."),
        ({"year": "1850"}, "between 1990"),
        ({"evidence_links": "javascript:alert(1)"}, "must start with https://"),
        ({"evidence_links": "ftp://example.org/x"}, "must start with https://"),
        ({"community_id": "99999"}, "Choose a community from the list."),
    ],
)
def test_bad_input_keeps_the_form_with_a_clear_message(
    client, db, login, change, message
):
    login(make_user())
    response = client.post("/learnings/new", data={**VALID, **change})
    assert response.status_code == 400
    page = response.data.decode()
    assert message in page
    assert "Two districts, **paper** registers." in page
    assert "Amina Njoroge, Ravi Menon" in page
    assert db.session.scalar(select(Lesson)) is None


def test_unconfirmed_or_anonymous_people_cannot_draft(app, client, db, login, logout):
    assert client.get("/learnings/new").status_code == 302  # to the log-in page
    login(make_user(email_confirmed_at=None))
    assert client.get("/learnings/new").status_code == 403
    assert client.post("/learnings/new", data=VALID).status_code == 403


def test_members_only_community_is_offered_only_to_its_members(client, db, login):
    private = make_community(
        slug="peers", name="Government peers", visibility="members"
    )
    outsider = login(make_user())
    page = client.get("/learnings/new").data.decode()
    assert "Government peers" not in page
    response = client.post(
        "/learnings/new", data={**VALID, "community_id": str(private.id)}
    )
    assert response.status_code == 400
    make_membership(outsider, private)
    response = client.post(
        "/learnings/new", data={**VALID, "community_id": str(private.id)}
    )
    assert response.status_code == 302
    lesson = db.session.scalar(select(Lesson))
    assert lesson.community_id == private.id


def test_nobody_edits_someone_elses_draft_or_a_submitted_one(client, db, login):
    author = make_user()
    lesson = make_lesson(author, status="draft")
    login(make_user(is_editor=True))
    assert client.get(f"/learnings/{lesson.slug}/edit").status_code == 403
    assert client.post(f"/learnings/{lesson.slug}/edit", data=VALID).status_code == 403
    login(author)
    assert client.get(f"/learnings/{lesson.slug}/edit").status_code == 200
    client.post(f"/learnings/{lesson.slug}/submit")
    assert client.post(f"/learnings/{lesson.slug}/edit", data=VALID).status_code == 403


def test_the_form_offers_the_catalogue(client, db, login):
    catalogue_dpg("X-Road"), catalogue_dpg("Mojaloop")
    login(make_user())
    page = client.get("/learnings/new").data.decode()
    assert '<datalist id="dpgs-catalogue">' in page
    assert '<option value="Mojaloop">' in page and '<option value="X-Road">' in page


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def test_every_lesson_form_refuses_a_missing_token_and_keeps_the_text(
    client, db, login, csrf_on
):
    author = login(make_user(is_editor=True))
    draft = make_lesson(author, status="draft")
    response = client.post("/learnings/new", data=VALID)
    assert response.status_code == 400 and b"form had expired" in response.data
    assert b"Registration follows services people already use." in response.data
    response = client.post(f"/learnings/{draft.slug}/edit", data=VALID)
    assert response.status_code == 400 and b"Amina Njoroge, Ravi Menon" in response.data
    for action in ("submit", "archive", "revise", "publish"):
        assert client.post(f"/learnings/{draft.slug}/{action}").status_code == 400
    reviewed = make_lesson(make_user(), status="in_review")
    response = client.post(
        f"/learnings/{reviewed.slug}/send-back",
        data={
            "version_id": str(reviewed.working_version_id),
            "comment": "Cite the survey",
        },
    )
    assert response.status_code == 400 and b"Cite the survey" in response.data
    db.session.refresh(draft)
    db.session.refresh(reviewed)
    assert draft.status == "draft" and reviewed.status == "in_review"


def test_a_title_never_takes_a_reserved_path(client, db, login):
    login(make_user())
    client.post("/learnings/new", data={**VALID, "title": "Review"})
    lesson = db.session.scalar(select(Lesson))
    assert lesson.slug == "review-2"
    assert client.get("/learnings/review-2").status_code == 200


def test_a_form_without_its_optional_fields_is_saved_not_a_500(client, db, login):
    # Fails before the fix: a post without "evidence_links" crashed to_fields().
    login(make_user())
    optional = ("evidence_links", "context", "done", "recommendations", "dpgs")
    data = {key: value for key, value in VALID.items() if key not in optional}
    assert client.post("/learnings/new", data=data).status_code == 302
