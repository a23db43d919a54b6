"""Every main page (site.MAIN_PAGES), for each kind of viewer: no axe
violations at either viewport (screenshotted on the way), light on the wire,
nothing fetched from another origin, and the forms' error states accessible."""

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import (
    PAGE_BUDGET_BYTES,
    VIEWPORTS,
    assert_accessible,
    measure_transfer,
    screenshot,
    tab_through,
)
from tests.e2e.site import page_views, view_id

VIEWS = page_views()


@pytest.mark.parametrize("view", VIEWS, ids=view_id)
def test_page_is_accessible_at_both_viewports(new_page, viewer_states, site, view):
    viewer, main_page = view
    page = new_page(viewport="phone", state=viewer_states[viewer])
    response = page.goto(main_page.path.format(**vars(site)))
    assert response.status == main_page.status
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    for viewport, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        screenshot(page, f"{viewer}-{main_page.name}-{viewport}")
        assert_accessible(page)


@pytest.mark.parametrize("view", VIEWS, ids=view_id)
def test_page_is_light_and_self_contained(
    new_page, viewer_states, site, live_server, view
):
    viewer, main_page = view
    page = new_page(state=viewer_states[viewer])
    path = main_page.path.format(**vars(site))
    transfer = measure_transfer(page, live_server.url + path)
    assert transfer.total <= PAGE_BUDGET_BYTES, transfer.bytes_by_url
    assert not transfer.foreign_requests(live_server.url), transfer.requested
    # Compressed by the app itself (Flask-Compress), as production serves it.
    assert len(transfer.bytes_by_url) >= 2  # the page and its stylesheet


@pytest.mark.parametrize(
    ("path", "button"),
    [
        ("/auth/register", "Create account"),
        ("/auth/login", "Log in"),
        ("/auth/reset", "Send the link"),
    ],
)
def test_forms_with_errors_are_accessible(new_page, path, button):
    page = new_page(js=True)
    page.goto(path)
    page.get_by_role("button", name=button).click()
    expect(page.locator("[aria-invalid=true]").first).to_be_visible()
    assert_accessible(page)


def test_settings_with_errors_are_accessible(new_page, viewer_states):
    page = new_page(state=viewer_states["newcomer"])
    page.goto("/auth/settings")
    page.get_by_label("Display name").fill("")
    page.get_by_label("Time zone").fill("Nowhere/Never")
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator("[aria-invalid=true]")).to_have_count(2)
    screenshot(page, "newcomer-settings-errors-desktop")
    assert_accessible(page)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_keyboard_reaches_every_control_of_settings_with_visible_focus(
    new_page, viewer_states, viewport
):
    page = new_page(viewport=viewport, state=viewer_states["newcomer"])
    page.goto("/auth/settings")
    controls, stops = tab_through(page)
    reached = [stop["id"] for stop in stops]
    assert set(reached) == set(controls), [s["html"] for s in stops]
    assert len(controls) >= 15  # header links and every settings field and button
    hidden = [stop["html"] for stop in stops if not stop["visible"]]
    assert not hidden, f"focus not visible on: {hidden}"
    assert stops[0]["html"].startswith('<a class="skip-link"')
