"""Every organisations form refuses a missing or stale CSRF token (keeping the
text), organisation pages leak nothing members-only, and the badge costs one
query per page of names, not one per name."""

import pytest
from sqlalchemy import func, select

from community.organisations.application_models import JoinApplication
from community.organisations.models import Affiliation
from community.organisations.roadmap_models import ActivityUpdate, RoadmapActivity
from tests.factories import (
    make_community,
    make_event,
    make_lesson,
    make_membership,
    make_reply,
    make_thread,
    make_user,
)
from tests.organisations.factories import make_affiliation, make_organisation


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def test_forms_with_arguments_refuse_a_missing_token(client, db, login, staff, csrf_on):
    organisation = make_organisation()
    claimant = make_user()
    claim = make_affiliation(claimant, organisation, status="pending")
    activity = RoadmapActivity(
        slug="a", objective="knowledge", title="A", is_published=True
    )
    application = JoinApplication(
        submission_key="z" * 30,
        applicant_email="x@example.org",
        contact_name="X",
        organisation_name="Y",
        status="needs_info",
    )
    db.session.add_all([activity, application])
    db.session.commit()
    login(staff)
    slug = organisation.slug
    for url, data in [
        (f"/organisations/{slug}/edit", {"name": "Kept org name", "kind": "other"}),
        (f"/organisations/{slug}/affiliate", {"role": "member"}),
        (f"/organisations/{slug}/affiliations/{claim.id}/confirm", {}),
        ("/roadmap/a/updates", {"title": "Kept title", "body": "Kept body"}),
        ("/roadmap/a/edit", {"title": "Kept activity"}),
        (
            f"/join-the-effort/applications/{application.id}/decide",
            {"decision": "approved"},
        ),
    ]:
        response = client.post(url, data=data)
        assert response.status_code == 400, url
        for value in data.values():
            if value.startswith("Kept"):
                assert value.encode() in response.data, url
    db.session.expire_all()
    assert db.session.get(Affiliation, claim.id).status == "pending"
    assert db.session.scalar(select(func.count(ActivityUpdate.id))) == 0
    assert db.session.get(JoinApplication, application.id).status == "needs_info"


def test_a_stale_join_form_keeps_the_text(client, db, csrf_on):
    response = client.post(
        "/join-the-effort",
        data={
            "contact_name": "Kept contact",
            "csrf_token": "stale",
            "what_it_does": "x",
        },
    )
    assert response.status_code == 400
    assert b"Kept contact" in response.data and b"form had expired" in response.data


def test_the_organisation_page_hides_members_only_content(client, db, login):
    organisation = make_organisation()
    person = make_user()
    make_affiliation(person, organisation)
    private = make_community(slug="ministers-room", visibility="members")
    make_membership(person, private)
    make_event(private, person, title="Closed budget session")
    make_lesson(author=person, community=private, title="Secret pilot lesson")
    public = make_community(slug="open-room")
    make_membership(person, public)
    make_event(public, person, title="Open webinar")
    page = client.get(f"/organisations/{organisation.slug}").data
    assert b"open-room" in page and b"Open webinar" in page
    for secret in (b"ministers-room", b"Closed budget session", b"Secret pilot lesson"):
        assert secret not in page
    insider = make_user()
    make_membership(insider, private)
    login(insider)
    page = client.get(f"/organisations/{organisation.slug}").data
    assert b"ministers-room" in page and b"Closed budget session" in page
    assert b"Secret pilot lesson" in page


def test_badges_cost_one_query_per_page(client, db, count_queries):
    community = make_community()
    opener = make_user()
    make_membership(opener, community)
    thread = make_thread(community, opener)

    def queries() -> int:
        with count_queries() as counter:
            assert client.get(f"/t/{thread.id}").status_code == 200
        return counter.count

    repliers = [make_user() for _ in range(6)]
    for person in repliers:
        make_membership(person, community)
        make_reply(thread, person)
    plain = queries()
    for person in repliers:
        make_affiliation(person, make_organisation())
    verified = queries()
    assert b"badge-verified" in client.get(f"/t/{thread.id}").data
    assert verified <= plain + 1
