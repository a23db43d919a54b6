"""Issue 9's journey 3, per date since issue 17: a weekly event with two seats
per date; people answer for the second date only, the third sees their place
on that date's wait list, is promoted, and the .ics file parses."""

from datetime import timedelta

from icalendar import Calendar
from playwright.sync_api import Page, expect

from community.timezones import utcnow
from tests.e2e.journeys import fetch_link, fill_form, log_in, unique_name
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import make_community, make_membership, make_user


def community_with_people(suffix: str) -> dict:
    """An open community with an organiser and three members (live app)."""
    community = make_community(slug=f"clinic-{suffix}", name=f"Clinic {suffix}")
    people = {}
    for role in ("organiser", "first", "second", "third"):
        user = make_user(username=f"{role[:3]}_{suffix}")
        make_membership(
            user, community, role="organiser" if role == "organiser" else "member"
        )
        people[role] = user.username
    return {"slug": community.slug, **people}


def test_weekly_event_capacity_wait_list_promotion_and_ics(
    journey_page, new_page, variant, in_live_app
):
    names = in_live_app(
        community_with_people, unique_name(variant, "e").replace("_", "-")
    )
    title = f"Berlin clinic {names['slug']}"
    organiser = journey_page
    organiser.goto(f"/c/{names['slug']}")
    log_in(organiser, names["organiser"], password=FACTORY_PASSWORD)
    schedule_weekly_event(organiser, title)
    event_url = organiser.url

    # The second date of the series: its own page, with its own seats.
    second_date = organiser.locator("ul.event-dates > li").nth(1)
    second_date = second_date.get_by_role("link").first
    date_url = second_date.get_attribute("href")
    assert "date=" in date_url

    pages = {}
    for who in ("first", "second", "third"):
        pages[who] = new_page(js=variant.js, viewport=variant.viewport)
        pages[who].goto(date_url)
        log_in(pages[who], names[who], password=FACTORY_PASSWORD)
        pages[who].goto(date_url)
    going = "I am going to this date"
    pages["first"].get_by_role("button", name=going).click()
    pages["second"].get_by_role("button", name=going).click()
    expect(
        pages["second"].get_by_text("You are going to this date.", exact=True)
    ).to_be_visible()
    pages["third"].reload()
    pages["third"].get_by_role(
        "button", name="Join the wait list for this date"
    ).click()
    expect(
        pages["third"].get_by_text(
            "You are number 1 on the wait list for this date.", exact=True
        )
    ).to_be_visible()
    # The first date still has both seats: the wait list is per date.
    pages["third"].goto(event_url)
    expect(pages["third"].get_by_role("main")).to_contain_text("2 left")

    pages["first"].reload()
    pages["first"].get_by_role("button", name="I am not going").click()
    pages["third"].goto(date_url)
    expect(
        pages["third"].get_by_text("You are going to this date.", exact=True)
    ).to_be_visible()
    pages["third"].get_by_role("link", name="Notifications 1 unread").click()
    expect(pages["third"].get_by_role("main")).to_contain_text("A seat freed up")

    pages["third"].goto(event_url)
    ics = fetch_link(pages["third"], "Download this event (.ics)")
    event = next(iter(Calendar.from_ical(ics).walk("VEVENT")))
    assert str(event["SUMMARY"]) == title
    assert "FREQ=WEEKLY" in event["RRULE"].to_ical().decode()
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"


def schedule_weekly_event(page: Page, title: str) -> None:
    page.get_by_role("link", name="Schedule an event").click()
    start = (utcnow() + timedelta(days=7)).replace(hour=15, minute=0)
    fill_form(
        page,
        {
            "Title": title,
            "Description": "Bring a dataset.",
            "Time zone": "Berlin — Germany",  # the grouped select, by its place
            "Starts": start.strftime("%Y-%m-%dT%H:%M"),
            "Ends": (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "Repeats": "Weekly",
            "Ends after this many times": "4",
            "Place": "Online",
            "Seats": "2",
        },
        submit="Schedule the event",
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_role("main")).to_contain_text("Every week")
    expect(page.get_by_role("heading", name="Coming dates")).to_be_visible()
