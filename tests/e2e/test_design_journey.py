"""Issue 20: a failed form's error summary; an unconfirmed account's way to post."""

from playwright.sync_api import Page, expect
from sqlalchemy import select

from community.communities.models import Community
from community.extensions import db
from tests.e2e.browser import assert_accessible, screenshot
from tests.e2e.journeys import follow_mail_link, log_in, unique_name
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import make_membership, make_user


def test_a_failed_form_takes_the_keyboard_to_its_summary_and_fields(
    journey_page: Page, variant
):
    page = journey_page
    page.goto("/auth/register")
    page.get_by_label("E-mail address").fill("not-an-email")
    page.get_by_role("main").get_by_role("button", name="Create account").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()  # autofocus: no script needed
    expect(summary).to_have_attribute("role", "alert")
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    # What the person typed is kept, and the generic wording is gone.
    expect(page.get_by_label("E-mail address")).to_have_value("not-an-email")
    expect(page.get_by_text("Invalid email address.")).to_have_count(0)
    summary.get_by_role("link", name="E-mail address").click()
    expect(page.get_by_label("E-mail address")).to_be_focused()
    if variant.js:
        assert_accessible(page)


def unconfirmed_member(slug: str, username: str) -> str:
    user = make_user(username=username, email_confirmed_at=None)
    community = db.session.scalar(select(Community).where(Community.slug == slug))
    make_membership(user, community)
    return user.email


def test_an_unconfirmed_member_is_told_to_confirm_and_can_resend(
    journey_page: Page, variant, site, in_live_app, mailbox
):
    page = journey_page
    username = unique_name(variant, "unc")
    email = in_live_app(unconfirmed_member, site.community, username)
    page.goto(f"/c/{site.community}")
    log_in(page, username, FACTORY_PASSWORD)
    page.goto(f"/c/{site.community}")
    main = page.get_by_role("main")
    expect(main.get_by_text("Confirm your e-mail address to post.")).to_be_visible()
    expect(main.get_by_role("link", name="Start a thread")).to_have_count(0)
    if variant.js:
        assert_accessible(page)

    # The direct address explains too, with the same button.
    page.goto(f"/c/{site.community}/new")
    expect(page.get_by_role("heading", level=1)).to_have_text("Not allowed")
    main.get_by_role("button", name="Resend the link").click()
    expect(page.locator(".flashes")).to_contain_text("We sent a new confirmation")
    assert page.url.endswith(f"/c/{site.community}/new")

    follow_mail_link(page, mailbox, email, "/auth/confirm/")
    page.goto(f"/c/{site.community}")
    expect(main.get_by_role("link", name="Start a thread")).to_be_visible()
    expect(main.get_by_text("Confirm your e-mail address to post.")).to_have_count(0)


def member_of(slug: str, username: str) -> None:
    user = make_user(username=username)
    community = db.session.scalar(select(Community).where(Community.slug == slug))
    make_membership(user, community)


def test_a_member_starts_a_thread_first_and_leaves_only_on_purpose(
    journey_page: Page, variant, site, in_live_app
):
    """Issue 20 item 3: on a phone "Start a thread" is on the first screen; leaving
    sits in the Membership disclosure and asks on a page of its own."""
    page = journey_page
    username = unique_name(variant, "stay")
    in_live_app(member_of, site.community, username)
    page.goto(f"/c/{site.community}")
    log_in(page, username, FACTORY_PASSWORD)
    page.goto(f"/c/{site.community}")
    main = page.get_by_role("main")
    start = main.get_by_role("link", name="Start a thread")
    expect(start).to_be_visible()
    box = start.bounding_box()
    assert box and box["y"] + box["height"] <= page.viewport_size["height"]
    expect(main.get_by_role("button", name="Leave", exact=False)).to_have_count(0)
    screenshot(page, f"design-community-first-screen-{variant.viewport}")
    if variant.js:
        assert_accessible(page)
    main.locator("summary", has_text="You are a member").click()
    main.get_by_role("link", name="Leave", exact=False).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Leave")
    page.get_by_role("main").get_by_role("button", name="Leave", exact=False).click()
    expect(page.locator(".flashes")).to_contain_text("You left")
    expect(main.get_by_role("link", name="Start a thread")).to_have_count(0)
