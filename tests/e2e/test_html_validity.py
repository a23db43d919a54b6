"""Every main page, as the server renders it for each viewer, is valid HTML."""

import pytest

from tests.e2e import variants
from tests.e2e.html_checker import CheckerUnavailable, check_files
from tests.e2e.site import page_views, view_id

pytestmark = pytest.mark.skipif(
    not variants.PAGE_CHECKS, reason="on the SQLite run: variants.py"
)

VIEWS = page_views()
# Errors from templates the browser tests may not edit, tolerated (only these
# messages) until fixed; test_known_errors_still_occur says when to drop one.
# Errors we know of and accept for now, with why (none at the moment).
KNOWN_ERRORS: dict[str, str] = {}
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


def unexpected(errors: list[str]) -> list[str]:
    return [e for e in errors if not any(known in e for known in KNOWN_ERRORS)]


@pytest.mark.parametrize("view", VIEWS, ids=view_id)
def test_page_is_valid_html(html_errors, view):
    errors = unexpected(html_errors[f"{view_id(view)}.html"])
    assert not errors, "\n".join(errors)


def test_the_checker_reports_a_broken_page(html_errors):
    report = "\n".join(html_errors["known-broken.html"])
    assert "Duplicate ID" in report


@pytest.mark.parametrize("known", list(KNOWN_ERRORS))
def test_known_errors_still_occur(html_errors, known):
    pages = [name for name, errors in html_errors.items() if errors]
    seen = [name for name in pages if any(known in e for e in html_errors[name])]
    assert seen, f"fixed: remove {known!r} from KNOWN_ERRORS ({KNOWN_ERRORS[known]})"
