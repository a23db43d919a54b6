"""The agenda, month grid, past events and the event page, as visitors and members."""

from datetime import datetime, timedelta

from community.timezones import utcnow
from tests.factories import make_community, make_event, make_membership, make_user


def test_agenda_lists_upcoming_occurrences_with_filters(client, db):
    govstack = make_community(slug="govstack", name="GovStack")
    vendors = make_community(slug="vendors")
    make_event(govstack, title="GovStack forum", event_type="forum")
    make_event(vendors, title="Vendor workshop", event_type="workshop")
    page = client.get("/events/").get_data(as_text=True)
    assert "GovStack forum" in page and "Vendor workshop" in page
    only = client.get("/events/?community=govstack").get_data(as_text=True)
    assert "GovStack forum" in only and "Vendor workshop" not in only
    workshops = client.get("/events/?type=workshop").get_data(as_text=True)
    assert "Vendor workshop" in workshops and "GovStack forum" not in workshops


def test_agenda_shows_a_series_once_with_its_rule_and_day_headings(client, db):
    community = make_community()
    start = (utcnow() + timedelta(days=1)).replace(tzinfo=None, microsecond=0)
    series = make_event(
        community,
        title="Weekly call",
        start_local=start,
        end_local=start + timedelta(hours=1),
        frequency="weekly",
        count=30,
    )
    make_event(
        community,
        title="Clinic",
        start_local=start + timedelta(days=2),
        end_local=start + timedelta(days=2, hours=1),
    )
    page = client.get("/events/").get_data(as_text=True)
    assert page.count("Weekly call</a>") == 1  # once, at its next date
    weekday = start.strftime("%A")
    assert f"Every {weekday}" in page
    assert f"/events/{series.id}/dates" in page  # the other dates, one click away
    assert page.count('class="day-heading"') == 2
    assert page.index(start.strftime("%A %-d %B %Y")) < page.index("Weekly call")
    assert "Page 1 of" not in page


def test_members_only_events_are_hidden_from_outsiders(client, db, login):
    private = make_community(slug="peers", visibility="members")
    event = make_event(private, title="Secret peers meeting")
    assert "Secret peers meeting" not in client.get("/events/").get_data(as_text=True)
    assert client.get(f"/events/{event.id}").status_code == 404
    assert client.get(f"/events/{event.id}.ics").status_code == 404
    member = make_user()
    make_membership(member, private)
    login(member)
    assert "Secret peers meeting" in client.get("/events/").get_data(as_text=True)
    assert client.get(f"/events/{event.id}").status_code == 200


def test_month_grid_navigates_without_javascript(client, db):
    community = make_community()
    make_event(
        community,
        title="December forum",
        start_local=datetime(2026, 12, 3, 10),
        end_local=datetime(2026, 12, 3, 11),
    )
    page = client.get("/events/?view=month&month=2026-12").get_data(as_text=True)
    assert "Events in December 2026" in page and "December forum" in page
    assert "/events/month/2026/11" in page and "/events/month/2027/1" in page
    assert client.get("/events/month/2026/12").status_code == 200
    assert client.get("/events/month/2026/13").status_code == 404
    assert "Events in" in client.get("/events/?view=month&month=rubbish").get_data(
        as_text=True
    )


def test_past_events_list(client, db):
    community = make_community()
    past = datetime(2025, 3, 1, 10)
    make_event(
        community,
        title="Old forum",
        start_local=past,
        end_local=past + timedelta(hours=1),
    )
    assert "Old forum" in client.get("/events/past").get_data(as_text=True)
    assert "Old forum" not in client.get("/events/").get_data(as_text=True)


def test_event_page_shows_both_times_organiser_and_calendar_links(client, db, login):
    organiser = make_user(display_name="Jonas Weber")
    community = make_community(slug="govstack")
    event = make_event(
        community,
        organiser,
        title="Berlin forum",
        timezone="Europe/Berlin",
        start_local=datetime(2030, 7, 1, 10),
        end_local=datetime(2030, 7, 1, 11),
        capacity=10,
    )
    viewer = make_user(timezone="Asia/Kolkata")
    login(viewer)
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Monday 1 July 2030, 10:00" in page  # Berlin wall clock
    assert "13:30 IST" in page  # the viewer's zone (UTC+5:30)
    assert "08:00 to 09:00 UTC" not in page  # issue 15: no UTC row
    assert "Jonas Weber" in page and "10 left" in page
    assert "webcal://" in page and "/c/govstack/events.ics" in page
    assert "calendar.google.com" in page and "outlook.live.com" in page
    assert f"/events/{event.id}.ics" in page
    assert client.get("/events/calendar-help").status_code == 200


def test_home_community_page_and_list_show_upcoming_events(client, db):
    community = make_community(slug="govstack", name="GovStack")
    make_event(community, title="Next GovStack forum")
    private = make_community(visibility="members")
    make_event(private, title="Hidden meeting")
    home = client.get("/").get_data(as_text=True)
    assert "Next GovStack forum" in home and "Hidden meeting" not in home
    # /c/<slug> and /c/ render these hooks once the communities feature wires them.
    from flask_login import AnonymousUserMixin

    from community.sections import list_stats, page_context

    with client.application.test_request_context():
        context = page_context(AnonymousUserMixin(), community)
        stats = list_stats([community, private])
    assert "events/_community_section.html" in context["community_sections"]
    assert [item.event.title for item in context["community_events"]] == [
        "Next GovStack forum"
    ]
    assert "Next GovStack forum" in stats[community.id]["Next event"]
    assert (
        "Hidden meeting" in stats[private.id]["Next event"]
    )  # /c/ passes readable ones


def test_agenda_runs_a_constant_number_of_queries(client, db, count_queries):
    communities = [make_community() for _ in range(3)]
    for number in range(3):
        make_event(communities[number], title=f"First {number}")
    start = (utcnow() + timedelta(days=1)).replace(tzinfo=None, microsecond=0)
    end = start + timedelta(hours=1)
    # One series from the start: one-off events and series load separately.
    make_event(
        communities[0], start_local=start, end_local=end, frequency="daily", count=2
    )

    def agenda_queries() -> int:
        with count_queries() as counter:
            assert client.get("/events/").status_code == 200
        return counter.count

    few = agenda_queries()
    for number in range(12):
        start = (utcnow() + timedelta(days=2)).replace(tzinfo=None, microsecond=0)
        make_event(
            communities[number % 3],
            title=f"More {number}",
            start_local=start,
            end_local=start + timedelta(hours=1),
            frequency="daily",
            count=3,
        )
    assert agenda_queries() == few


def test_organiser_pages_render_with_the_event_filled_in(client, db, login):
    community = make_community(slug="govstack")
    organiser = login(make_user())
    make_membership(organiser, community, role="organiser")
    event = make_event(
        community,
        organiser,
        title="Series",
        timezone="Europe/Berlin",
        start_local=datetime(2030, 1, 7, 10),
        end_local=datetime(2030, 1, 7, 11),
        frequency="weekly",
        weekdays=["MO", "TH"],
        count=6,
        capacity=20,
        rsvp_deadline_local=datetime(2030, 1, 6, 18),
    )
    edit = client.get(f"/events/{event.id}/edit").get_data(as_text=True)
    assert 'value="Series"' in edit and 'value="Europe/Berlin"' in edit
    assert 'value="2030-01-07T10:00"' in edit and 'value="2030-01-06T18:00"' in edit
    assert 'checked id="repeat_weekdays-3"' in edit  # Thursday
    assert 'checked id="repeat_weekdays-1"' not in edit
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Every week on Monday, Thursday at 10:00 Europe/Berlin, 6 times." in page
    assert "/occurrences/20300110T090000Z" in page
    occurrence = client.get(f"/events/{event.id}/occurrences/20300110T090000Z")
    assert occurrence.status_code == 200
    assert "Thursday 10 January 2030, 10:00" in occurrence.get_data(as_text=True)
    assert (
        client.get(f"/events/{event.id}/occurrences/20300111T090000Z").status_code
        == 404
    )
    assert client.get(f"/events/{event.id}/occurrences/rubbish").status_code == 404
    assert client.get(f"/events/{event.id}/cancel").status_code == 200


def test_nul_bytes_in_addresses_are_refused_not_errors(client, db):
    make_community(slug="govstack")
    for url in (
        "/events/?community=%00",
        "/events/past?community=a%00b",
        "/events/?view=month&community=%00",
        "/calendar/%00.ics",
        "/c/%00/events.ics",
    ):
        assert client.get(url).status_code == 400
