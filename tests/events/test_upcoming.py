"""Short upcoming lists (home, community, /c/) stay right and cheap as events grow."""

from datetime import timedelta

from community.timezones import utcnow
from tests.factories import make_community, make_event


def local(days: int, hour: int = 10):
    return (utcnow() + timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0, tzinfo=None
    )


def one_off(community, days: int, title: str):
    start = local(days)
    return make_event(
        community, title=title, start_local=start, end_local=start + timedelta(hours=1)
    )


def weekly(community, days: int, title: str):
    start = local(days, 9)
    return make_event(
        community,
        title=title,
        start_local=start,
        end_local=start + timedelta(hours=1),
        frequency="weekly",
        weekdays=[start.strftime("%a")[:2].upper()],
        count=20,
    )


def titles_in(html: str, names: list[str]) -> list[str]:
    return sorted((name for name in names if name in html), key=html.index)


def test_home_lists_the_first_five_occurrences_in_order(client, db):
    community = make_community(slug="govstack")
    for day in range(20, 2, -1):
        one_off(community, day, f"One-off day {day:02}")
    weekly(community, 4, "Weekly forum")
    html = client.get("/").get_data(as_text=True)
    names = [f"One-off day {day:02}" for day in range(3, 21)] + ["Weekly forum"]
    shown = titles_in(html, names)
    assert shown[:3] == ["One-off day 03", "Weekly forum", "One-off day 04"]
    assert "One-off day 20" not in html


def test_next_event_per_community_prefers_the_earliest_of_both_kinds(client, db):
    first = make_community(slug="first")
    second = make_community(slug="second")
    one_off(first, 9, "Late one-off")
    weekly(first, 2, "Early series")
    one_off(second, 3, "Second one-off")
    one_off(second, 30, "Second later one-off")
    html = client.get("/c/").get_data(as_text=True)
    assert "Early series" in html and "Late one-off" not in html
    assert "Second one-off" in html and "later one-off" not in html


def test_query_counts_do_not_grow_with_events(client, db, count_queries):
    community = make_community(slug="govstack")
    one_off(community, 3, "Seed")

    def counts() -> list[int]:
        result = []
        for url in ("/", "/c/", "/c/govstack"):
            with count_queries() as counter:
                assert client.get(url).status_code == 200
            result.append(counter.count)
        return result

    few = counts()
    for day in range(4, 40):
        one_off(community, day, f"More {day}")
    assert counts() == few


def test_agenda_pages_match_a_full_expansion(client, db):
    from community.events import agenda
    from community.events.permissions import visible_events
    from tests.factories import make_user

    community = make_community(slug="govstack")
    for day in range(1, 46):
        one_off(community, day, f"Clinic {day:02}")
    weekly(community, 2, "Weekly forum")
    query = agenda.events_query(visible_events(make_user()))
    everything = agenda.occurrences_between(query, utcnow(), None)
    assert len(everything) == 65
    for number in (1, 2, 4):
        page = agenda.agenda_page(query, utcnow(), number)
        expected = everything[(number - 1) * 20 : number * 20]
        assert [(o.event.id, o.start_at) for o in page.items] == [
            (o.event.id, o.start_at) for o in expected
        ]
        assert page.total == 65 and page.pages == 4
    assert agenda.agenda_page(query, utcnow(), 99).number == 4
    page_two = client.get("/events/?page=2").get_data(as_text=True)
    assert "Page 2 of 4" in page_two
