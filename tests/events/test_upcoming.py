"""Short upcoming lists (home, community, /c/) stay right and cheap as events grow."""

from datetime import datetime, timedelta

from sqlalchemy import select

from community.timezones import utcnow
from tests.factories import make_community, make_event, make_user


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


def test_agenda_pages_list_each_event_once_by_its_next_date(client, db):
    from community.events import listings
    from community.events.permissions import visible_events

    community = make_community(slug="govstack")
    for day in range(1, 46):
        one_off(community, day, f"Clinic {day:02}")
    series = weekly(community, 2, "Weekly forum")
    condition = visible_events(make_user())
    seen = []
    for number in (1, 2, 3):
        page = listings.agenda_page(condition, utcnow(), number)
        assert page.total == 46 and page.pages == 3
        seen += [row.event.title for row in page.items]
    assert len(seen) == 46 and seen.count("Weekly forum") == 1
    assert seen[:3] == ["Clinic 01", "Weekly forum", "Clinic 02"]  # 09:00 < 10:00
    assert listings.agenda_page(condition, utcnow(), 99).number == 3
    page_two = client.get("/events/?page=2").get_data(as_text=True)
    assert "Page 2 of 3" in page_two
    # Once its next date is cancelled, the series is listed at the date after.
    from community.events import occurrences
    from community.events.models import EventOccurrence
    from community.extensions import db as database

    first = database.session.scalar(
        select(EventOccurrence)
        .where(EventOccurrence.event_id == series.id)
        .order_by(EventOccurrence.start_at)
    )
    occurrences.cancel_occurrence(None, series, first.original_start_at)
    database.session.commit()
    page = listings.agenda_page(condition, utcnow(), 1)
    row = next(row for row in page.items if row.event_id == series.id)
    assert row.start_at == first.start_at + timedelta(days=7)


def test_month_view_lists_only_days_with_events_for_narrow_screens(client, db):
    community = make_community()
    make_event(
        community,
        title="Forum on the third",
        start_local=datetime(2031, 12, 3, 10),
        end_local=datetime(2031, 12, 3, 11),
    )
    make_event(
        community,
        title="Weekly review",
        start_local=datetime(2031, 12, 1, 9),
        end_local=datetime(2031, 12, 1, 10),
        frequency="weekly",
        count=5,
    )
    page = client.get("/events/month/2031/12").get_data(as_text=True)
    assert page.count("Weekly review") == 5 and "Forum on the third" in page
    # Each day names its weekday for the one-column phone layout (site.css hides
    # the header row and the days without events below 40rem).
    assert '<span class="narrow-only">Wed </span>3' in page
    assert page.count("no-events") >= 25


def test_list_pages_run_few_queries_whatever_the_data(client, db, count_queries):
    community = make_community(slug="govstack")
    one_off(community, 3, "Seed")
    weekly(community, 2, "Seed series")

    def counts() -> list[int]:
        found = []
        for url in ("/events/", "/events/?view=month", "/", "/c/", "/c/govstack"):
            with count_queries() as counter:
                assert client.get(url).status_code == 200
            found.append(counter.count)
        return found

    few = counts()
    for day in range(4, 40):
        one_off(community, day, f"More {day}")
        weekly(community, day, f"More series {day}")
    more = counts()
    assert more == few
    assert max(few[:2]) <= 10, few
