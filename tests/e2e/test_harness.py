"""The harness itself: each gate, fed a known fault, reports it; the helpers
later journeys rely on do what they say."""

from playwright.sync_api import expect

from tests.e2e.browser import (
    Transfer,
    axe_violations,
    format_violations,
    layout_problems,
)
from tests.e2e.journeys import fetch_link, log_in
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import make_user


def test_axe_reports_an_unlabelled_field_and_says_where(new_page):
    page = new_page()
    page.set_content(
        '<!doctype html><html lang="en"><title>t</title>'
        '<main><h1>Form</h1><input id="nameless"></main></html>'
    )
    report = format_violations(axe_violations(page))
    assert "label [critical]" in report
    assert "#nameless" in report


def test_requests_to_other_origins_are_noticed():
    transfer = Transfer(
        requested=[
            "http://127.0.0.1:5000/",
            "http://127.0.0.1:5000/static/site.css",
            "data:image/svg+xml,",
            "https://fonts.example.com/font.woff2",
            "http://127.0.0.1:5001/other-port.js",
        ]
    )
    assert transfer.foreign_requests("http://127.0.0.1:5000") == [
        "https://fonts.example.com/font.woff2",
        "http://127.0.0.1:5001/other-port.js",
    ]


def test_wide_content_and_unsized_images_are_noticed(new_page):
    page = new_page(viewport="phone")
    page.set_content(
        '<!doctype html><html lang="en"><title>t</title><body>'
        '<div style="width:900px">wide</div><img src="data:," alt=""></body></html>'
    )
    problems = "\n".join(layout_problems(page))
    assert "scrolls sideways" in problems
    assert "img needs width, height and loading=lazy" in problems


def test_web_fonts_are_noticed():
    transfer = Transfer(requested=["http://127.0.0.1:5000/static/a.woff2?v=1"])
    assert transfer.font_requests() == ["http://127.0.0.1:5000/static/a.woff2?v=1"]


def test_pytest_playwrights_page_fixture_serves_the_live_app(page):
    page.goto("/")
    assert page.get_by_role("heading", level=1).count() == 1


def test_fetch_link_gets_the_target_with_the_pages_cookies(new_page, viewer_states):
    page = new_page(js=False, state=viewer_states["member"])
    page.goto("/")
    assert b"<h1>Settings</h1>" in fetch_link(page, "Settings")


def test_in_live_app_makes_people_a_journey_can_log_in_as(new_page, in_live_app):
    user = in_live_app(make_user, username="probe_e2e", display_name="Probe Person")
    page = new_page(js=False)
    page.goto("/")
    log_in(page, user.username, password=FACTORY_PASSWORD)
    expect(page.get_by_role("navigation", name="Account")).to_contain_text(
        "Probe Person"
    )


def test_javascript_off_means_page_scripts_do_not_run(new_page, live_server):
    page = new_page(js=False)
    page.route(
        live_server.url + "/js-probe",
        lambda route: route.fulfill(
            content_type="text/html",
            body="<title>before</title><script>document.title = 'ran'</script>",
        ),
    )
    page.goto("/js-probe")
    assert page.title() == "before"
