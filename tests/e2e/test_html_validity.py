"""Every main page, as the server renders it for each viewer, is valid HTML."""

import pytest

from tests.e2e.html_checker import CheckerUnavailable, check_files
from tests.e2e.site import page_views, view_id

VIEWS = page_views()
# Pages whose template is not ours to fix yet; strict, so the fix is noticed.
KNOWN_INVALID = {
    "join-requests": "templates/communities/requests.html: <time datetime> has "
    "microseconds; use .isoformat(timespec='seconds')",
}
BROKEN_PAGE = (
    '<!doctype html><html lang="en"><head><title>x</title></head><body>'
    '<p id="a">one</p><p id="a">two</body></html>'
)


@pytest.fixture(scope="module")
def html_errors(browser, live_server, site, viewer_states, tmp_path_factory):
    """Fetch every page with the viewer's cookies; one vnu run for them all."""
    folder = tmp_path_factory.mktemp("html")
    files = []
    contexts = {}
    for viewer, main_page in VIEWS:
        if viewer not in contexts:
            contexts[viewer] = browser.new_context(
                base_url=live_server.url, storage_state=viewer_states[viewer]
            )
        response = contexts[viewer].request.get(
            main_page.path.format(**vars(site)), headers={"Accept": "text/html"}
        )
        assert response.status == main_page.status, main_page
        file = folder / f"{view_id((viewer, main_page))}.html"
        file.write_text(response.text(), encoding="utf-8")
        files.append(file)
    for context in contexts.values():
        context.close()
    # A known-bad page in the same run proves the checker reports errors.
    broken = folder / "known-broken.html"
    broken.write_text(BROKEN_PAGE, encoding="utf-8")
    files.append(broken)
    try:
        return check_files(files)
    except CheckerUnavailable as reason:
        pytest.skip(f"HTML validity not checked: {reason}")


def with_known_faults(view: tuple) -> object:
    reason = KNOWN_INVALID.get(view[1].name)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(view, marks=marks, id=view_id(view))


@pytest.mark.parametrize("view", [with_known_faults(view) for view in VIEWS])
def test_page_is_valid_html(html_errors, view):
    errors = html_errors[f"{view_id(view)}.html"]
    assert not errors, "\n".join(errors)


def test_the_checker_reports_a_broken_page(html_errors):
    report = "\n".join(html_errors["known-broken.html"])
    assert "Duplicate ID" in report
