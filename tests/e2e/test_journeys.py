"""Whole journeys through the real pages, with and without JavaScript, on a
phone and a desktop (the `variant` fixture runs each one four times)."""

import pyotp
from icalendar import Calendar
from playwright.sync_api import Page, expect
from sqlalchemy import select

from community.communities.models import Community
from community.extensions import db
from tests.e2e.browser import assert_accessible
from tests.e2e.journeys import (
    fetch_link,
    fill_form,
    follow_mail_link,
    log_in,
    log_out,
    main_nav,
    open_account_link,
    register_account,
    unique_name,
)
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import make_community, make_membership, make_thread, make_user


def heading(page: Page):
    return page.get_by_role("heading", level=1)


def test_register_confirm_join_ask_accept_then_settings(
    journey_page, new_page, variant, mailbox, site, in_live_app
):
    """Issue 9's journey 1, then log out and in and edit the settings."""
    page = journey_page
    username = unique_name(variant)
    page.goto("/")
    email = register_account(page, username, mailbox)
    expect(page.get_by_role("navigation", name="Account")).to_contain_text(
        username.title()
    )
    main_nav(page).get_by_role("link", name="Communities").click()
    page.get_by_role("link", name="Open data in government").click()
    page.get_by_role("button", name="Join Open data in government").click()
    expect(page.locator(".flashes")).to_contain_text("You are now a member")

    title = f"Which open formats work for budgets? ({username})"
    ask_question(page, title)
    answerer = in_live_app(member_of, site.community, f"ans_{username}")
    answer(new_page(js=variant.js, viewport=variant.viewport), page.url, answerer)
    accept_answer_and_see_notification(page, title)

    log_out(page)
    expect(page.get_by_role("navigation", name="Account")).to_contain_text("Log in")
    log_in(page, email)
    open_account_link(page, "Settings")
    expect(heading(page)).to_have_text("Settings")
    expect(page.get_by_text("Confirm your e-mail address")).to_have_count(0)
    edit_settings(page)
    open_account_link(page, "Ngozi Okafor")
    expect(heading(page)).to_contain_text("Ngozi Okafor")
    expect(page.get_by_role("main")).to_contain_text("Nigeria")
    expect(page.get_by_role("region", name="About")).to_contain_text("Kept after")


def member_of(slug: str, username: str) -> str:
    """A confirmed member of the community (runs in the live app)."""
    user = make_user(username=username, display_name="Bola Answerer")
    community = db.session.scalar(select(Community).where(Community.slug == slug))
    make_membership(user, community)
    return user.username


def ask_question(page: Page, title: str) -> None:
    page.get_by_role("link", name="Start a thread").click()
    fill_form(
        page,
        {
            "Title": title,
            "What would you like to ask or discuss?": "CSV, ODS or **JSON**?",
        },
    )
    page.get_by_label("Question").check()
    page.get_by_role("button", name="Start thread").click()
    expect(heading(page)).to_have_text(title)


def answer(page: Page, thread_url: str, username: str) -> None:
    """A second person logs in and answers the question."""
    page.goto(thread_url)
    log_in(page, username, password=FACTORY_PASSWORD)
    fill_form(page, {"Your reply": "CSV with a published schema."}, "Send reply")
    expect(page.get_by_role("main")).to_contain_text("CSV with a published schema.")


def accept_answer_and_see_notification(page: Page, title: str) -> None:
    page.reload()
    answer_post = page.get_by_role("article").filter(has_text="published schema")
    answer_post.get_by_role("button", name="Accept this answer").click()
    expect(page.get_by_text("✓ Accepted answer")).to_be_visible()
    open_account_link(page, "Notifications 1 unread")
    expect(page.get_by_role("main")).to_contain_text(
        f"Bola Answerer replied to your thread “{title[:80]}”"
    )


def edit_settings(page: Page) -> None:
    """Save the profile, then make a mistake: the text is kept, then fixed."""
    fill_form(
        page,
        {
            "Display name": "Ngozi Okafor",
            "Country": "Nigeria",
            "Time zone": "Lagos — Nigeria",  # a place in a list grouped by region
        },
        submit="Save profile",
    )
    expect(page.locator(".flashes")).to_contain_text("Your profile is saved.")
    expect(page.get_by_label("Time zone")).to_have_value("Africa/Lagos")

    page.get_by_label("About you").fill("Kept after the error")
    page.get_by_label("Display name").fill("")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_label("Display name")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("About you")).to_have_value("Kept after the error")
    expect(page.get_by_label("Time zone")).to_have_value("Africa/Lagos")
    page.get_by_label("Display name").fill("Ngozi Okafor")
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator(".flashes")).to_contain_text("Your profile is saved.")


def test_forgotten_password_reset_by_mail(new_page, pairwise_variant, mailbox):
    variant = pairwise_variant
    page = new_page(js=variant.js, viewport=variant.viewport)
    username = unique_name(variant)
    page.goto("/")
    email = register_account(page, username, mailbox)
    log_out(page)

    open_account_link(page, "Log in")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("E-mail address").fill(email)
    page.get_by_role("button", name="Send the link").click()
    expect(page.locator(".flashes")).to_contain_text("we sent it a reset link")
    follow_mail_link(page, mailbox, email, "/auth/reset/")
    page.get_by_label("New password").fill("amber meadow compass 7")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.locator(".flashes")).to_contain_text("Your password is changed")
    log_in(page, username, password="amber meadow compass 7")


def test_visitor_browses_home_a_community_its_feed_and_a_thread_then_logs_in(
    journey_page, site
):
    """Issue 9's journey 5: home, a community, its feed, a thread, the events
    month view, an event and its calendar feed; then log in from a page."""
    page = journey_page
    page.goto("/")
    expect(heading(page)).to_contain_text("digital public infrastructure")
    page.get_by_role("link", name="See every community").click()
    expect(heading(page)).to_have_text("Communities of practice")
    page.get_by_role("link", name="Open data in government").click()
    expect(heading(page)).to_have_text("Open data in government")
    expect(page.get_by_role("main")).to_contain_text("We meet monthly")
    feed = fetch_link(page, "Atom feed")  # what a feed reader subscribes to
    assert b"<feed" in feed
    assert b"How do you keep interoperability" in feed
    page.get_by_role("link", name="How do you keep interoperability").click()
    expect(heading(page)).to_contain_text("How do you keep interoperability")
    expect(page.get_by_role("main")).to_contain_text("A shared data dictionary")
    browse_events_and_subscribe(page)

    main_nav(page).get_by_role("link", name="Communities").click()
    page.get_by_role("link", name="Government peers").click()
    expect(page.get_by_role("main")).to_contain_text("A closed circle")
    expect(page.get_by_role("main")).not_to_contain_text("Only members read this")

    log_in(page, site.member, password=FACTORY_PASSWORD)
    expect(heading(page)).to_have_text("Government peers")  # back where they were
    expect(page.get_by_role("main")).to_contain_text("Only members read this")


def browse_events_and_subscribe(page: Page) -> None:
    """Month view, the event, and its community's calendar feed (a visitor)."""
    main_nav(page).get_by_role("link", name="Events").click()
    page.get_by_role("navigation", name="Event views").get_by_role(
        "link", name="Month"
    ).click()
    # Count the links only once the month view is the page shown: counting
    # while the agenda unloads finds none and wrongly turns the page.
    expect(page.get_by_role("link", name="Next month →")).to_be_visible()
    clinic = page.get_by_role("link", name="Open data clinic")
    if clinic.count() == 0:  # its first date falls in next month
        page.get_by_role("link", name="Next month →").click()
    clinic.first.click()
    expect(heading(page)).to_have_text("Open data clinic")
    feed = fetch_link(page, "Open the subscription in Calendar")
    calendar = Calendar.from_ical(feed)
    titles = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert "Open data clinic" in titles


def approval_community(suffix: str) -> dict:
    """A members-only community needing approval, its moderator and a newcomer."""
    community = make_community(
        slug=f"peers-{suffix}",
        name=f"Peers {suffix}",
        visibility="members",
        join_policy="approval",
        description_html="<p>Minutes of our closed meetings.</p>",
    )
    moderator = make_user(username=f"mod_{suffix}")
    make_membership(moderator, community, role="moderator")
    requester = make_user(username=f"ask_{suffix}", display_name=f"Asker {suffix}")
    thread = make_thread(
        community, moderator, title=f"Closed minutes {suffix}", source="Budget: 40k."
    )
    return {
        "thread": f"/t/{thread.id}",
        "slug": community.slug,
        "name": community.name,
        "moderator": moderator.username,
        "requester": requester.username,
    }


def test_ask_to_join_a_members_only_community_and_be_approved(
    journey_page, new_page, variant, in_live_app
):
    names = in_live_app(approval_community, unique_name(variant).replace("_", "-"))
    page = journey_page
    page.goto(f"/c/{names['slug']}")
    expect(page.get_by_role("main")).not_to_contain_text("Minutes of our closed")
    log_in(page, names["requester"], password=FACTORY_PASSWORD)
    assert page.request.get(names["thread"]).status == 404  # not yet a member
    fill_form(
        page,
        {"Message to the moderators (optional)": "I run the ID pilot."},
        submit="Ask to join",
    )
    expect(page.locator(".flashes")).to_contain_text("request to join")

    moderator = new_page(js=variant.js, viewport=variant.viewport)
    moderator.goto(f"/c/{names['slug']}")
    log_in(moderator, names["moderator"], password=FACTORY_PASSWORD)
    moderator.get_by_role("link", name="Requests and bans").click()
    request = moderator.get_by_role("listitem").filter(has_text="I run the ID pilot.")
    request.get_by_role("button", name="Approve").click()
    expect(moderator.locator(".flashes")).to_contain_text("request approved")

    page.reload()
    expect(page.get_by_role("main")).to_contain_text("Minutes of our closed")
    page.get_by_role("link", name=f"Closed minutes {names['slug'][6:]}").click()
    expect(page.get_by_role("main")).to_contain_text("Budget: 40k.")
    open_account_link(page, "Notifications 1 unread")
    expect(page.get_by_role("main")).to_contain_text(
        f"Your request to join {names['name']} was approved."
    )


def test_staff_turn_on_two_factor_and_log_in_with_a_recovery_code(
    new_page, pairwise_variant, in_live_app
):
    variant = pairwise_variant
    admin = in_live_app(make_user, username=unique_name(variant), site_role="admin")
    page = new_page(js=variant.js, viewport=variant.viewport)
    page.goto("/")
    log_in(page, admin.username, password=FACTORY_PASSWORD)
    open_account_link(page, "Settings")
    page.get_by_role("link", name="Set up two-factor authentication").click()
    secret = "".join(page.locator("code.secret").inner_text().split())
    fill_form(page, {"Code": pyotp.TOTP(secret).now()}, submit="Turn on two-factor")
    expect(heading(page)).to_have_text("Two-factor authentication is on")
    recovery_code = page.locator(".recovery-codes code").first.inner_text()
    if variant.js:
        assert_accessible(page)
    page.get_by_role("link", name="Done").click()
    log_out(page)

    open_account_link(page, "Log in")
    fill_form(
        page,
        {"E-mail or username": admin.username, "Password": FACTORY_PASSWORD},
        submit="Log in",
    )
    expect(heading(page)).to_have_text("Enter your code")
    if variant.js:
        assert_accessible(page)
    fill_form(page, {"Code": "000000"}, submit="Log in")
    expect(page.get_by_label("Code")).to_have_attribute("aria-invalid", "true")
    fill_form(page, {"Code": recovery_code}, submit="Log in")
    expect(page.get_by_role("navigation", name="Account")).to_contain_text("Settings")
