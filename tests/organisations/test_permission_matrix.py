"""Every organisations, join-the-effort and roadmap route × visitor, member,
organisation manager and staff. "login" means sent to log in."""

import pytest

from community.extensions import db as _db
from community.organisations.application_models import JoinApplication
from community.organisations.models import Affiliation
from community.organisations.roadmap_models import ActivityOrganisation, RoadmapActivity
from tests.factories import make_user
from tests.organisations.factories import make_organisation

ROLES = ["visitor", "member", "manager", "staff"]
# (method, url, data) -> outcome per role in ROLES order.
MATRIX = [
    ("get", "/organisations/", None, ["200", "200", "200", "200"]),
    ("get", "/organisations/{org}", None, ["200", "200", "200", "200"]),
    ("get", "/organisations/new", None, ["login", "403", "403", "200"]),
    ("get", "/organisations/{org}/edit", None, ["login", "403", "200", "200"]),
    ("post", "/organisations/{org}/affiliate", {"role": "member"}, [
        "login", "302", "403", "302",
    ]),
    ("post", "/organisations/{org}/affiliations/{claim}/confirm", {}, [
        "login", "403", "302", "302",
    ]),
    ("post", "/organisations/{org}/leave", {}, ["login", "403", "302", "403"]),
    ("get", "/join-the-effort", None, ["200", "200", "200", "200"]),
    ("get", "/join-the-effort/applications", None, ["login", "200", "200", "200"]),
    ("get", "/join-the-effort/applications/{application}", None, [
        "login", "404", "404", "200",
    ]),
    ("get", "/join-the-effort/review", None, ["login", "403", "403", "200"]),
    ("post", "/join-the-effort/applications/{application}/decide",
     {"decision": "needs_info", "message": "More?"}, ["login", "403", "403", "302"]),
    ("get", "/roadmap", None, ["200", "200", "200", "200"]),
    ("get", "/roadmap/{activity}", None, ["200", "200", "200", "200"]),
    ("get", "/roadmap/{draft}", None, ["404", "404", "404", "200"]),
    ("get", "/roadmap/{activity}/feed.atom", None, ["200", "200", "200", "200"]),
    ("get", "/roadmap/new", None, ["login", "403", "403", "200"]),
    ("get", "/roadmap/{activity}/edit", None, ["login", "403", "403", "200"]),
    ("post", "/roadmap/{activity}/updates", {"title": "T", "body": "B"}, [
        "login", "403", "302", "302",
    ]),
]  # fmt: skip


@pytest.fixture
def world(db):
    organisation = make_organisation(name="Lead Org")
    manager = make_user()
    claimant = make_user()
    _db.session.add_all(
        [
            Affiliation(
                user_id=manager.id,
                organisation_id=organisation.id,
                role="manager",
                status="confirmed",
            ),
            Affiliation(user_id=claimant.id, organisation_id=organisation.id),
        ]
    )
    activity = RoadmapActivity(slug="published", objective="knowledge", title="P")
    activity.is_published = True
    activity.organisations.append(
        ActivityOrganisation(organisation_id=organisation.id, role="lead")
    )
    draft = RoadmapActivity(slug="draft", objective="knowledge", title="D")
    application = JoinApplication(
        submission_key="s" * 30,
        applicant_email="someone@example.org",
        contact_name="Someone",
        organisation_name="Applicant Org",
    )
    _db.session.add_all([activity, draft, application])
    _db.session.commit()
    claim = _db.session.scalar(
        _db.select(Affiliation.id).where(Affiliation.user_id == claimant.id)
    )
    people = {
        "visitor": None,
        "member": make_user(),
        "manager": manager,
        "staff": make_user(site_role="admin"),
    }
    names = {
        "org": organisation.slug,
        "claim": claim,
        "application": application.id,
        "activity": "published",
        "draft": "draft",
    }
    return people, names


CASES = [
    (method, url, data, role, outcomes[index])
    for method, url, data, outcomes in MATRIX
    for index, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("method", "url", "data", "role", "expected"), CASES)
def test_permission_matrix(client, login, world, method, url, data, role, expected):
    people, names = world
    if people[role] is not None:
        login(people[role])
    response = getattr(client, method)(url.format(**names), data=data)
    if expected == "login":
        assert response.status_code == 302
        assert "/auth/login" in response.headers["Location"]
    else:
        assert response.status_code == int(expected), response.data[:500]
        if expected == "302":
            assert "/auth/login" not in response.headers["Location"]
