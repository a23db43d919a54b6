"""A lesson's and an event's page name the organisations behind them: those
where the author (the organiser) is a confirmed member who shows it, the other
side of the organisation page's lessons and events; within the SQL budget."""

from tests.factories import make_community, make_event, make_lesson, make_user
from tests.organisations.factories import make_affiliation, make_organisation

BUDGET = 10


def pages(person) -> tuple[str, str]:
    lesson = make_lesson(person, title="Offline enrolment works")
    event = make_event(make_community(), person, title="Enrolment clinic")
    return f"/learnings/{lesson.slug}", f"/events/{event.id}"


def test_the_confirmed_organisations_of_the_author_are_linked(client, db):
    person = make_user()
    shown = make_organisation(name="Ministry of ICT")
    make_affiliation(person, shown)
    pending = make_organisation(name="Pending Partners")
    make_affiliation(person, pending, status="pending")
    hidden = make_affiliation(person, make_organisation(name="Quiet Collective"))
    hidden.shown_on_page = False
    db.session.commit()
    for url in pages(person):
        page = client.get(url).get_data(as_text=True)
        assert f'href="/organisations/{shown.slug}">Ministry of ICT</a>' in page, url
        assert "Pending Partners" not in page and "Quiet Collective" not in page
    organisation = client.get(f"/organisations/{shown.slug}").get_data(as_text=True)
    assert "Offline enrolment works" in organisation  # and back
    assert "Enrolment clinic" in organisation


def test_nothing_is_listed_without_an_organisation(client, db):
    for url in pages(make_user()):
        page = client.get(url).get_data(as_text=True)
        assert "Organisations on the hub" not in page
        assert "Organisations behind it" not in page


def test_the_pages_stay_within_the_budget_whatever_the_organisations(
    client, db, login, count_queries
):
    person = make_user()
    urls = pages(person)

    def queries() -> list[int]:
        found = []
        for url in urls:
            client.get(url)
            with count_queries() as counter:
                assert client.get(url).status_code == 200
            found.append(counter.count)
        return found

    make_affiliation(person, make_organisation())
    one = queries()
    for _ in range(5):
        make_affiliation(person, make_organisation())
    assert queries() == one
    assert max(one) <= BUDGET, one
    login(make_user())
    assert max(queries()) <= BUDGET
