"""The roadmap and an organisation page make the same number of queries
whether they show three activities and people or thirty."""

from community.organisations import roadmap
from tests.factories import make_user
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
