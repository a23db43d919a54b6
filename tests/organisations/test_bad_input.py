"""Hostile, huge, empty and malformed input to every organisations route gets
a 4xx (or a normal answer), never a 500."""

import pytest

from community.organisations.application_models import JoinApplication
from community.organisations.roadmap_models import RoadmapActivity
from tests.factories import make_user
from tests.organisations.factories import make_affiliation, make_organisation

NASTY = [
    {},
    {"name": "x" * 100_000, "title": "x" * 100_000, "body": "x" * 100_000},
    {"name": "<script>alert(1)</script>", "kind": "../../etc", "role": "admin"},
    {"decision": "approved' OR 1=1", "message": "\x00\x01", "country_code": "ZZ"},
    {"leads": ["abc", "-1", "99999999999999999999"], "objective": "knowledge"},
    {"organisation_id": "1e9", "activity_ids": ["x"], "countries": ["QQ"]},
    {"submission_key": "../../" * 20, "contact_name": "A", "email": "not-an-email"},
]


@pytest.mark.parametrize("role", ["visitor", "member", "staff"])
def test_no_route_answers_bad_input_with_a_500(client, db, login, role):
    organisation = make_organisation()
    claim = make_affiliation(make_user(), organisation, status="pending")
    db.session.add_all(
        [
            RoadmapActivity(
                slug="act", objective="knowledge", title="A", is_published=True
            ),
            JoinApplication(
                submission_key="q" * 30,
                applicant_email="a@example.org",
                contact_name="A",
                organisation_name="B",
                status="needs_info",
            ),
        ]
    )
    db.session.commit()
    if role != "visitor":
        login(make_user(site_role="admin" if role == "staff" else "member"))
    slug = organisation.slug
    application = db.session.scalar(db.select(JoinApplication.id))
    urls = [
        "/organisations/new",
        f"/organisations/{slug}/edit",
        f"/organisations/{slug}/affiliate",
        f"/organisations/{slug}/affiliations/{claim.id}/confirm",
        f"/organisations/{slug}/affiliations/{claim.id}/decline",
        f"/organisations/{slug}/leave",
        "/join-the-effort",
        f"/join-the-effort/applications/{application}",
        f"/join-the-effort/applications/{application}/decide",
        "/join-the-effort/a/forged.token",
        "/roadmap/new",
        "/roadmap/act/edit",
        "/roadmap/act/updates",
    ]
    for url in urls:
        for data in NASTY:
            response = client.post(url, data=data)
            assert response.status_code < 500, (url, data.keys(), response.status_code)
    for url in [
        "/organisations/?kind=%ff&country=%ff&dpg=" + "x" * 5000,
        "/organisations/" + "x" * 3000,
        "/roadmap/" + "y" * 3000,
        "/organisations/" + "x" * 100 + "/logo.png",
        "/join-the-effort/review?status=<b>&page=99999999999",
        "/join-the-effort/applications/99999999999999999999",
    ]:
        assert client.get(url).status_code < 500, url
