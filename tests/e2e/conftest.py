"""Browser tests: the real app on a live server, driven by Debian's Chromium.

The server is the app built by create_app (Flask-Compress, CSP, CSRF on, mail
to the session's test SMTP server) on a free 127.0.0.1 port in a thread, with
its own database: a temporary SQLite file, or DATABASE_URL's PostgreSQL
database emptied before and after this folder runs.
"""

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest
from flask import Flask, abort
from playwright.sync_api import Browser, Page, expect
from werkzeug.serving import WSGIRequestHandler, make_server

from community import create_app
from community.extensions import db
from config import TestConfig
from tests.e2e import variants
from tests.e2e.browser import VIEWPORTS
from tests.e2e.site import VIEWERS, empty_tables, seed_site
from tests.factories import PASSWORD as FACTORY_PASSWORD

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
HERE = Path(__file__).resolve().parent
expect.set_options(timeout=10_000)  # 2 busy cores: be patient, never sleep


def pytest_collection_modifyitems(config, items) -> None:
    """Mark this folder e2e; skip it (saying why) when Chromium is missing."""
    missing = not os.path.exists(CHROMIUM)
    skip = pytest.mark.skip(
        reason=f"Chromium not found at {CHROMIUM}: run "
        "`bash ../shared/tools/install-browser-deps.sh --java` (CI does)"
    )
    for item in items:
        if HERE in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.e2e)
            if missing:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Never `playwright install`: drive the distribution's Chromium.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
    }


class QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs) -> None:
        pass


@dataclass
class LiveServer:
    url: str
    app: Flask
    mailbox: object  # tests.conftest.Mailbox


def add_error_route(app: Flask) -> None:
    """/_e2e/error/<code> shows the error pages we cannot cause from outside."""

    def fail(code: int):
        if code == 500:
            raise RuntimeError("e2e: a deliberate server error")
        abort(code)

    app.add_url_rule("/_e2e/error/<int:code>", "e2e_error", fail)


def e2e_database(tmp_path_factory) -> str:
    if TestConfig.SQLALCHEMY_DATABASE_URI != "sqlite://":
        return TestConfig.SQLALCHEMY_DATABASE_URI  # PostgreSQL from DATABASE_URL
    # In-memory SQLite is one connection per thread: use a file instead.
    return f"sqlite:///{tmp_path_factory.mktemp('e2e-db') / 'e2e.db'}"


@pytest.fixture(scope="package")
def live_server(smtp_server, tmp_path_factory) -> Iterator[LiveServer]:
    config = type(
        "E2EConfig",
        (TestConfig,),
        {
            "SQLALCHEMY_DATABASE_URI": e2e_database(tmp_path_factory),
            "WTF_CSRF_ENABLED": True,
            "MAIL_PORT": smtp_server.port,
        },
    )
    app = create_app(config)
    add_error_route(app)
    with app.app_context():
        db.create_all()
        empty_tables()
    server = make_server(
        "127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler
    )
    url = f"http://127.0.0.1:{server.server_port}"
    app.config["SITE_URL"] = url  # links in e-mails point here
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(url, app, smtp_server.handler)
    server.shutdown()
    thread.join(timeout=10)
    with app.app_context():
        empty_tables()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="package")
def site(live_server) -> SimpleNamespace:
    """Names, slugs and tokens of the seeded data (see site.SEED_STEPS)."""
    with live_server.app.app_context():
        return seed_site()


@pytest.fixture
def in_live_app(live_server):
    """in_live_app(make_user, username="x") runs a factory in the live app's
    database; a returned model is loaded and detached, so its columns stay
    readable (use its username/slug/id in the journey)."""

    def run(factory, *args, **kwargs):
        with live_server.app.app_context():
            result = factory(*args, **kwargs)
            if isinstance(result, db.Model):
                db.session.refresh(result)
                db.session.expunge(result)
            return result

    return run


@pytest.fixture(scope="package")
def mailbox(live_server):
    return live_server.mailbox


@pytest.fixture(scope="package")
def base_url(live_server) -> str:
    return live_server.url


@pytest.fixture(scope="package")
def browser_context_args(live_server) -> dict:
    """For pytest-playwright's own `page`/`context` fixtures, should a test use them."""
    return {
        "base_url": live_server.url,
        "viewport": VIEWPORTS["desktop"],
        "bypass_csp": True,
    }


def make_context(browser: Browser, base_url: str, js: bool, viewport: str, state):
    return browser.new_context(
        base_url=base_url,
        java_script_enabled=js,
        viewport=VIEWPORTS[viewport],
        bypass_csp=True,  # axe is injected as a script; the CSP rightly refuses it
        storage_state=state,
    )


@pytest.fixture(scope="package")
def viewer_states(browser, live_server, site) -> dict:
    """Cookies of each viewer (site.<viewer> is its username), logged in once
    through the real form."""
    states = {"visitor": None}
    for viewer in VIEWERS[1:]:
        username = getattr(site, viewer)
        context = make_context(browser, live_server.url, True, "desktop", None)
        page = context.new_page()
        page.goto("/auth/login")
        page.get_by_label("E-mail or username").fill(username)
        page.get_by_label("Password").fill(FACTORY_PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(live_server.url + "/")
        states[viewer] = context.storage_state()
        context.close()
    return states


@pytest.fixture
def new_page(browser, live_server) -> Iterator:
    """new_page(js=True, viewport="desktop", state=None) -> a page in a fresh context.

    state is a viewer_states[...] entry (cookies of a logged-in person).
    """
    contexts = []

    def open_page(js: bool = True, viewport: str = "desktop", state=None) -> Page:
        context = make_context(browser, live_server.url, js, viewport, state)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@dataclass(frozen=True)
class Variant:
    js: bool
    viewport: str


VARIANTS = [Variant(js, viewport) for js, viewport in variants.JOURNEYS]


@pytest.fixture(
    params=VARIANTS,
    ids=lambda v: f"{v.viewport}-{'js' if v.js else 'nojs'}",
)
def variant(request) -> Variant:
    """Each journey runs with and without JavaScript, on a phone and a desktop
    (one combination a database; all four with E2E_ALL_VARIANTS=1: variants.py)."""
    return request.param


@pytest.fixture
def journey_page(new_page, variant) -> Page:
    return new_page(js=variant.js, viewport=variant.viewport)


# The extra journeys (reset, two-factor, admin...) that the issues do not list
# run once a database: without JavaScript on a phone on SQLite, with it on a
# desktop on PostgreSQL (both with E2E_ALL_VARIANTS=1).
PAIRWISE = [Variant(False, "phone"), Variant(True, "desktop")]
ONCE = PAIRWISE if variants.ALL else [PAIRWISE[variants.ON_POSTGRESQL]]


@pytest.fixture(params=ONCE, ids=lambda v: f"{v.viewport}-{'js' if v.js else 'nojs'}")
def pairwise_variant(request) -> Variant:
    return request.param
