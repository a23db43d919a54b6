"""The roadmap and an organisation page make the same number of queries
whether they show three activities and people or thirty."""

from community.organisations import roadmap
from tests.factories import (
    make_community,
    make_event,
    make_lesson,
    make_membership,
    make_user,
)
from tests.organisations.factories import make_affiliation, make_organisation


def add_activities(lead, count: int, start: int) -> None:
    from community.extensions import db

    for number in range(start, start + count):
        roadmap.save_activity(
            None,
            None,
            {
                "title": f"Activity {number}",
                "objective": "knowledge",
                "status": "ongoing",
                "is_published": True,
                "description": "",
                "leads": [lead.id],
                "partners": [],
                "links": {},
            },
        )
    db.session.commit()


def test_queries_do_not_grow_with_the_rows(app, client, db, count_queries):
    lead = make_organisation(name="Lead")

    def queries(url: str) -> int:
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        return counter.count

    with app.test_request_context():
        add_activities(lead, 3, 0)
    for _ in range(3):
        make_affiliation(make_user(), lead)
    few = queries("/roadmap"), queries(f"/organisations/{lead.slug}")
    with app.test_request_context():
        add_activities(lead, 27, 3)
    for _ in range(27):
        make_affiliation(make_user(), lead)
    many = queries("/roadmap"), queries(f"/organisations/{lead.slug}")
    assert many == few
    assert few[0] <= 8 and few[1] <= 20


def add_people(organisation, community, count: int) -> None:
    """Confirmed people with lessons, events and a community, and pending claims."""
    for _ in range(count):
        person = make_user()
        make_affiliation(person, organisation)
        make_membership(person, community)
        make_lesson(author=person)
        make_event(community=community, organiser=person)
        make_affiliation(make_user(), organisation, status="pending")


def test_organisation_page_sends_at_most_ten_statements(
    app, client, db, count_queries, login, logout
):
    """Visitors, members, staff and a manager of a government body, few rows
    or many: the same count each time, never above 10 (issue 22)."""
    body = make_organisation(name="Ministry", kind="government")
    slug, community = body.slug, make_community()
    manager, staff = make_user(), make_user(site_role="admin")
    make_affiliation(manager, body, role="manager")
    viewers = {"visitor": None, "member": make_user(), "staff": staff}
    viewers["manager"] = manager

    def counts() -> dict[str, int]:
        found = {}
        for name, viewer in viewers.items():
            logout()
            if viewer is not None:
                login(viewer)
            with count_queries() as counter:
                assert client.get(f"/organisations/{slug}").status_code == 200
            found[name] = counter.count
        return found

    add_people(body, community, 2)
    few = counts()
    add_people(body, community, 12)
    many = counts()
    assert many == few
    assert max(few.values()) <= 10, few
