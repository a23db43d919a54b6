"""Issue 9's journey 4: a lesson from draft, through review, to the library."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.journeys import expect_flash, fill_form, log_in, unique_name
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import catalogue_dpg, make_user


def test_draft_review_send_back_revise_publish_then_find_it(
    journey_page, new_page, variant, in_live_app
):
    suffix = unique_name(variant, "l")
    title = f"Offline enrolment kits {suffix}"
    in_live_app(catalogue_dpg, "OpenSPP")  # the draft names it from the catalogue
    author = in_live_app(make_user, username=f"au_{suffix}")
    editor = in_live_app(make_user, username=f"ed_{suffix}", is_editor=True)
    page = journey_page
    page.goto("/learnings/")
    log_in(page, author.username, password=FACTORY_PASSWORD)
    draft_lesson(page, title)
    page.get_by_role("button", name="Submit for review").click()
    expect_flash(page, "Submitted: an editor will review your lesson.")

    reviewer = new_page(js=variant.js, viewport=variant.viewport)
    reviewer.goto("/learnings/review")
    log_in(reviewer, editor.username, password=FACTORY_PASSWORD)
    reviewer.get_by_role("link", name=title, exact=True).click()
    fill_form(
        reviewer,
        {"Comments for the author": "Say how many kits broke."},
        submit="Send back with comments",
    )
    expect_flash(reviewer, "Sent back to the author")

    page.reload()
    expect(page.get_by_role("main")).to_contain_text("Say how many kits broke.")
    page.get_by_role("link", name="Edit the draft").click()
    fill_form(page, {"Summary": "Three of forty kits broke in the rain."})
    page.get_by_role("button", name="Save the draft").click()
    page.get_by_role("button", name="Submit for review").click()
    expect_flash(page, "Submitted")

    reviewer.goto("/learnings/review")
    reviewer.get_by_role("link", name=title, exact=True).click()
    reviewer.get_by_role("button", name="Publish version 1").click()
    expect_flash(reviewer, "Published.")

    find_in_library(new_page(js=variant.js, viewport=variant.viewport), title)


def draft_lesson(page: Page, title: str) -> None:
    page.get_by_role("link", name="Write a lesson").click()
    fill_form(
        page,
        {
            "Title": title,
            "Summary": "Kits need spare batteries.",
            "Pilot name": "Rwanda enrolment pilot",
            "Countries": "Rwanda",
            "Sector": "Identity",
            "Digital public goods": "OpenSPP",
            "Stage": "Pilot",
            "Year": "2025",
            "Authors": "A. Uwase",
            "Organisation": "Ministry of ICT",
            "What we learned": "Carry **spare** batteries.",
        },
        submit="Save the draft",
    )
    expect_flash(page, "Your draft is saved.")


def find_in_library(page: Page, title: str) -> None:
    """A visitor narrows the library by country and DPG, then searches. The
    results come first; the filters wait behind a disclosure (issue 20)."""
    page.goto("/learnings/")
    results = page.get_by_role("heading", name=re.compile(r"^\d+ lessons?$"))
    expect(results).to_be_in_viewport()  # on a 360 px phone too
    country = page.get_by_role("region", name="Country")
    expect(country).to_be_hidden()
    open_filters(page)
    country.get_by_role("link", name="Rwanda").click()
    open_filters(page)
    page.get_by_role("region", name="Digital public good").get_by_role(
        "link", name="OpenSPP"
    ).click()
    expect(page.get_by_role("link", name=title)).to_be_visible()
    # The active filters are chips; each one removes only itself.
    page.get_by_role("link", name="Remove filter: Country: Rwanda").click()
    expect(
        page.get_by_role("link", name="Remove filter: Country: Rwanda")
    ).to_have_count(0)
    expect(page.get_by_role("link", name=title)).to_be_visible()
    page.get_by_role("link", name="Clear every filter").click()
    fill_form(page, {"Words to look for": title.split()[-1]}, submit="Show lessons")
    expect(page.get_by_role("link", name=title)).to_be_visible()
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def open_filters(page: Page) -> None:
    """The <details> disclosure opens by its summary, with or without JavaScript."""
    page.locator("details.facets > summary").click()
    expect(page.get_by_role("region", name="Country")).to_be_visible()
