"""Issue 16's journey: a visitor applies for a new organisation and confirms the
e-mail, staff ask for more, the applicant answers, staff approve; the
organisation is in the directory and on the roadmap; a member claims an
affiliation, a manager confirms it, and the badge shows on their next post."""

from playwright.sync_api import Page, expect

from community.organisations.organising import find_by_name
from tests.e2e.journeys import (
    expect_flash,
    fill_form,
    follow_mail_link,
    log_in,
    unique_name,
)
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import make_community, make_membership, make_user
from tests.organisations.factories import make_affiliation


def make_manager(organisation_name: str, username: str):
    user = make_user(username=username)
    make_affiliation(user, find_by_name(organisation_name), role="manager")
    return user


def make_member_of(slug: str, username: str):
    user = make_user(username=username)
    make_membership(user, make_community(slug=slug))
    return user


def review(page: Page, organisation: str, decision: str, message: str) -> None:
    page.goto("/join-the-effort/review")
    page.get_by_role("link", name=organisation).click()
    page.get_by_label(decision, exact=True).check()
    fill_form(
        page,
        {"What is missing, or the reason (the applicant reads this)": message},
        submit="Save the decision",
    )
    expect_flash(page, "Saved")


def test_apply_review_approve_affiliate_badge(
    new_page, pairwise_variant, mailbox, in_live_app
):
    variant = pairwise_variant
    suffix = unique_name(variant, "o")
    organisation = f"Ministry of Tests {suffix}"
    email = f"applicant_{suffix}@example.org".lower()
    visitor = new_page(js=variant.js, viewport=variant.viewport)
    visitor.goto("/")
    visitor.get_by_role("main").get_by_role("link", name="Join this effort").click()
    fill_form(
        visitor,
        {
            "Organisation name (if it is not in the list)": organisation,
            "Kind of organisation": "Civil society",
            "Contact person": "Ama Test",
            "E-mail address": email,
            "What your organisation does": "Trains civil servants.",
            "Activities you propose (one a line)": f"Peer clinics {suffix}",
        },
        submit="Send the application",
    )
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    follow_mail_link(visitor, mailbox, email, "/join-the-effort/confirm/")
    expect_flash(visitor, "your application was sent")

    staff = in_live_app(make_user, username=f"st_{suffix}", site_role="admin")
    reviewer = new_page(js=variant.js, viewport=variant.viewport)
    reviewer.goto("/auth/login")
    log_in(reviewer, staff.username, password=FACTORY_PASSWORD)
    review(reviewer, organisation, "Ask for more information", "Which countries?")

    follow_mail_link(visitor, mailbox, email, "/join-the-effort/a/")
    expect(visitor.get_by_role("main")).to_contain_text("Which countries?")
    fill_form(visitor, {"Your answer (Markdown)": "Ghana and Togo."}, "Send the answer")
    expect_flash(visitor, "Your answer was sent.")

    review(reviewer, organisation, "Approve", "Welcome aboard.")
    visitor.goto("/organisations/?member=1")
    expect(visitor.get_by_role("main")).to_contain_text(organisation)
    visitor.goto("/roadmap")
    expect(visitor.get_by_role("region", name="Roadmap members")).to_contain_text(
        organisation
    )

    manager = in_live_app(make_manager, organisation, f"mg_{suffix}")
    member = in_live_app(
        make_member_of, f"c-{suffix}".replace("_", "-"), f"me_{suffix}"
    )
    page = new_page(js=variant.js, viewport=variant.viewport)
    page.goto("/organisations/")
    log_in(page, member.username, password=FACTORY_PASSWORD)
    page.get_by_role("link", name=organisation).click()
    page.get_by_role("button", name="Claim affiliation").click()
    expect_flash(page, "The organisation's managers will confirm it.")

    boss = new_page(js=variant.js, viewport=variant.viewport)
    boss.goto("/organisations/")
    log_in(boss, manager.username, password=FACTORY_PASSWORD)
    boss.get_by_role("link", name=organisation).click()
    boss.get_by_role("region", name="Waiting for confirmation").get_by_role(
        "button", name="Confirm"
    ).click()

    page.goto(f"/c/{member.username and 'c-' + suffix.replace('_', '-')}")
    page.get_by_role("link", name="Start a thread").click()
    fill_form(
        page,
        {
            "Title": f"Hello from {suffix}",
            "What would you like to ask or discuss?": "We train civil servants.",
        },
    )
    page.get_by_role("button", name="Start thread").click()
    expect(page.locator(".post").first.locator(".badge-verified")).to_contain_text(
        "Verified"
    )
