"""Every main page (site.MAIN_PAGES), for each kind of viewer: at most 60 KB
on the wire on a first load, nothing fetched from another origin, no axe
violation and no sideways scrolling at either viewport (on the SQLite run:
tests/e2e/variants.py; screenshotted on the way), images sized
and lazy, no web fonts; and the forms' error states and the keyboard walk
through settings."""

import pytest
from playwright.sync_api import expect

from tests.e2e import variants
from tests.e2e.browser import (
    AXE_JS,
    PAGE_BUDGET_BYTES,
    VIEWPORTS,
    assert_accessible,
    axe_violations,
    format_violations,
    layout_problems,
    measure_transfer,
    screenshot,
    tab_through,
)
from tests.e2e.site import page_views, view_id

VIEWS = page_views()


@pytest.fixture(scope="module")
def viewer_page(browser, live_server, viewer_states):
    """viewer_page(viewer): the phone-sized page of that viewer's context (one
    context and page per viewer for the module: cookies only, the cache is off;
    each check navigates it to a new document)."""
    contexts, pages = {}, {}

    def open_page(viewer: str):
        if viewer in pages and not pages[viewer].is_closed():
            return pages[viewer]
        if viewer not in contexts:
            contexts[viewer] = browser.new_context(
                base_url=live_server.url,
                viewport=VIEWPORTS["phone"],
                bypass_csp=True,
                storage_state=viewer_states[viewer],
            )
            # axe rides in with every document (0.2 s) instead of being sent
            # over after each load (0.5 s): no request, so the weight is the same.
            # A new page runs it on its blank document too: pages are reused.
            contexts[viewer].add_init_script(path=str(AXE_JS))
        pages[viewer] = contexts[viewer].new_page()
        return pages[viewer]

    yield open_page
    for context in contexts.values():
        context.close()


@pytest.mark.skipif(not variants.PAGE_CHECKS, reason="on the SQLite run: variants.py")
@pytest.mark.parametrize("view", VIEWS, ids=view_id)
def test_page_is_light_self_contained_and_accessible(
    viewer_page, site, live_server, view
):
    """One first load (empty cache) per page, measured, then axe at both sizes."""
    viewer, main_page = view
    check_page(viewer_page(viewer), live_server.url, viewer, main_page, site)


def check_page(page, origin: str, viewer: str, main_page, site) -> None:
    transfer = measure_transfer(page, origin + main_page.path.format(**vars(site)))
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    problems = []
    if transfer.total > PAGE_BUDGET_BYTES:
        problems.append(f"{transfer.total} bytes > budget: {transfer.bytes_by_url}")
    if transfer.foreign_requests(origin):
        problems.append(f"requests to other origins: {transfer.requested}")
    if transfer.font_requests():
        problems.append(f"web fonts downloaded: {transfer.font_requests()}")
    for viewport in variants.PAGE_VIEWPORTS:  # both, over the two databases' runs
        page.set_viewport_size(VIEWPORTS[viewport])
        problems += [f"at {viewport}: {p}" for p in layout_problems(page)]
        screenshot(page, f"{viewer}-{main_page.name}-{viewport}")
        violations = axe_violations(page)
        if violations:
            problems.append(f"axe at {viewport}:\n" + format_violations(violations))
    assert transfer.status == main_page.status
    assert not problems, f"{main_page.path} as {viewer}:\n" + "\n".join(problems)


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
    invalid = page.locator("[aria-invalid=true]").first
    expect(invalid).to_be_visible()
    # The error state shows on the control itself (it lost to a more specific
    # rule once): a 2 px border in the error colour.
    assert invalid.evaluate("e => getComputedStyle(e).borderTopWidth") == "2px"
    assert_accessible(page)


def test_settings_with_errors_are_accessible(new_page, viewer_states):
    page = new_page(state=viewer_states["newcomer"])
    page.goto("/auth/settings")
    page.get_by_label("Display name").fill("")
    # The zone is a list now; a forged value must still come back as an error.
    page.get_by_label("Time zone").evaluate(
        "select => { select.add(new Option('Nowhere/Never', 'Nowhere/Never'));"
        " select.value = 'Nowhere/Never'; }"
    )
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator("[aria-invalid=true]")).to_have_count(2)
    screenshot(page, "newcomer-settings-errors-desktop")
    assert_accessible(page)


# Pages with many controls, walked with Tab only: (viewer, path, fewest controls).
KEYBOARD_PAGES = [
    ("newcomer", "/auth/settings", 15),
    ("member", "/c/{community}", 8),
    ("newcomer", "/c/{private_community}", 8),
    ("visitor", "/auth/register", 8),
    ("member", "/t/{thread}", 12),  # the thread page
    ("member", "/events/{event}", 10),  # and the RSVP form
]


@pytest.mark.parametrize("viewport", variants.PAGE_VIEWPORTS)
@pytest.mark.parametrize(
    ("viewer", "path", "fewest"), KEYBOARD_PAGES, ids=lambda v: str(v)
)
def test_keyboard_reaches_every_control_with_visible_focus(
    new_page, viewer_states, site, viewer, path, fewest, viewport
):
    page = new_page(viewport=viewport, state=viewer_states[viewer])
    page.goto(path.format(**vars(site)))
    controls, stops = tab_through(page)
    reached = [stop["id"] for stop in stops]
    assert set(reached) == set(controls), [s["html"] for s in stops]
    assert len(controls) >= fewest  # header links and the page's fields and buttons
    hidden = [stop["html"] for stop in stops if not stop["visible"]]
    assert not hidden, f"focus not visible on: {hidden}"
    assert stops[0]["html"].startswith('<a class="skip-link"')
