"""static/timezone.js on the sign-up form: the zone starts on the browser's own,
and the search box narrows the list (the script is shared with the staff DPG
form's country lists, tests/e2e/test_dpg_journey.py)."""

from playwright.sync_api import expect

from tests.e2e.browser import VIEWPORTS


def test_the_zone_is_guessed_and_searched(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        viewport=VIEWPORTS["desktop"],
        timezone_id="Africa/Nairobi",
    )
    try:
        page = context.new_page()
        page.goto("/auth/register")
        zone = page.get_by_role("combobox", name="Time zone")
        expect(zone).to_have_value("Africa/Nairobi")
        page.get_by_role("searchbox", name="Search for a city or country").fill("lagos")
        expect(zone).to_have_value("Africa/Lagos")
    finally:
        context.close()
