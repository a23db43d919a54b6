"""Issue 20: a failed form's error summary; an unconfirmed account's way to post."""

from playwright.sync_api import Page, expect
from sqlalchemy import select

from community.communities.models import Community
from community.extensions import db
from tests.e2e.browser import assert_accessible
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
