"""Issue 21's journey: from the map to a country, to a DPG, to a lesson about
it, to a discussion about it, and back, with and without JavaScript."""

import re

from playwright.sync_api import expect


def test_map_country_dpg_lesson_discussion_and_back(journey_page, site):
    page = journey_page
    page.goto("/map")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Map of DPG implementations"
    )
    world = page.get_by_role("figure")
    world.get_by_role("link", name=re.compile(r"^Kenya: \d+$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kenya")

    page.get_by_role("region", name=re.compile("deployed here")).get_by_role(
        "link", name="DHIS2"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("DHIS2")

    lessons = page.get_by_role("region", name="Lessons about DHIS2")
    lesson_title = "Start the ID pilot with two districts"
    lessons.get_by_role("link", name=lesson_title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson_title)
    thread_title = "How do you keep interoperability across ministries?"
    page.get_by_role("region", name="Discussion and presentation").get_by_role(
        "link", name=thread_title
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(thread_title)
    page.get_by_role("region", name="Lessons from this discussion").get_by_role(
        "link", name=lesson_title
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson_title)
    page.get_by_role("link", name="DHIS2").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("DHIS2")

    page.get_by_role("region", name="Discussions").get_by_role(
        "link", name=thread_title
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(thread_title)
    page.get_by_role("main").get_by_role("link", name="DHIS2").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("DHIS2")

    page.get_by_role("link", name="See them on the map").click()
    expect(page).to_have_url(re.compile(r"/map\?dpg=dhis2$"))
    table = page.get_by_role("table")
    expect(table.get_by_role("link", name="Kenya")).to_be_visible()
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("DHIS2")


def test_staff_tick_deployment_countries_by_region(
    new_page, viewer_states, pairwise_variant
):
    """The countries are a list to tick, grouped by region, with or without
    JavaScript; with it a search box narrows the list as you type."""
    variant = pairwise_variant
    page = new_page(variant.js, variant.viewport, viewer_states["admin"])
    page.goto("/dpgs/new")
    name = f"Ticked Good {variant.viewport} {'js' if variant.js else 'nojs'}"
    page.get_by_label("Name", exact=True).fill(name)
    deployed = page.get_by_role("group", name="Deployed in")
    if variant.js:
        deployed.get_by_role("searchbox").fill("ghan")
        expect(deployed.get_by_label("Kenya")).to_be_hidden()
    else:
        deployed.locator("summary", has_text="Africa").click()
    deployed.get_by_label("Ghana").check()
    page.get_by_role("button", name="Add to the catalogue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("main").get_by_role("link", name="Ghana")).to_be_visible()
