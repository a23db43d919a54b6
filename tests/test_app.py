import pytest
from sqlalchemy.exc import OperationalError

from community import create_app
from community.extensions import db as database
from config import Config, TestConfig


def test_healthz_answers_when_the_database_does(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "up"}


def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(database.session, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "down"


def test_error_pages_are_html_in_the_layout(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert b"Page not found" in response.data and b'id="main"' in response.data


def test_error_pages_are_json_when_asked(client):
    response = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.json["error"]["status"] == 404


def test_method_not_allowed(client):
    assert client.delete("/").status_code == 405


def test_request_too_large(client):
    response = client.post("/auth/login", data={"login": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413
    assert b"too large" in response.data


def test_unexpected_error_is_a_plain_500_page(smtp_server):
    app = create_app(TestConfig)

    @app.get("/test-boom")
    def boom():
        raise RuntimeError("secret detail")

    with app.app_context():
        response = app.test_client().get("/test-boom")
    assert response.status_code == 500
    assert b"secret detail" not in response.data
    assert b"Something went wrong" in response.data


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]


def test_session_cookie_flags(client, db):
    from tests.factories import PASSWORD, make_user

    make_user(username="ravi")
    response = client.post("/auth/login", data={"login": "ravi", "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_refuses_a_missing_or_default_secret_key():
    class Production(Config):
        ENV_NAME = "production"

    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(Production)

    class ProductionWithKey(TestConfig):
        ENV_NAME = "production"
        SECRET_KEY = "k" * 64

    assert create_app(ProductionWithKey).config["SECRET_KEY"] == "k" * 64


def test_responses_are_compressed_when_asked(client):
    response = client.get("/auth/register", headers={"Accept-Encoding": "gzip"})
    assert response.headers.get("Content-Encoding") == "gzip"


def test_permission_predicates_have_unique_names():
    """Predicates are template globals in one namespace: a clash silently
    replaces one feature's rule with another's (seen once with can_watch)."""
    import importlib
    import pkgutil

    import community

    seen: dict[str, str] = {}
    for info in pkgutil.iter_modules(community.__path__):
        try:
            module = importlib.import_module(f"community.{info.name}.permissions")
        except ModuleNotFoundError:
            continue
        for name, value in vars(module).items():
            own = callable(value) and value.__module__ == module.__name__
            if own and name.startswith(("can_", "is_", "has_", "may_")):
                assert name not in seen, f"{name}: {seen.get(name)} and {info.name}"
                seen[name] = info.name
    assert "can_watch_thread" in seen and "can_watch" in seen


@pytest.mark.parametrize(
    "path", ["/c/%00", "/u/a%00b", "/search?q=mosip%00", "/learnings/?country=%00"]
)
def test_nul_characters_are_refused_not_crashed_on(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert b"null character" in response.data


def test_nul_character_in_a_form_is_refused(client):
    response = client.post("/auth/login", data={"login": "a\x00b", "password": "x"})
    assert response.status_code == 400


def test_zone_files_are_read_once_per_zone(monkeypatch):
    from zoneinfo import ZoneInfo

    from community import timezones

    opened = []

    def counting(name):
        opened.append(name)
        return ZoneInfo(name)

    monkeypatch.setattr(timezones, "ZoneInfo", counting)
    timezones.zone.cache_clear()
    names = [f"Etc/GMT+{hours}" for hours in range(1, 12)] + ["Europe/Berlin"]
    for _ in range(3):
        for name in names:
            timezones.zone(name)
    timezones.zone.cache_clear()  # later tests get the real ZoneInfo
    assert sorted(opened) == sorted(names)
    assert timezones.zone("Nowhere/Atlantis").key == "UTC"


@pytest.mark.parametrize("lost", ["operational", "interface", "invalidated"])
def test_a_lost_database_connection_is_a_503_not_a_500(smtp_server, lost):
    from sqlalchemy.exc import DBAPIError, InterfaceError

    errors = {
        "operational": OperationalError("SELECT 1", {}, Exception("server closed")),
        "interface": InterfaceError("SELECT 1", {}, Exception("connection is closed")),
        "invalidated": DBAPIError(
            "SELECT 1",
            {},
            Exception("terminating connection"),
            connection_invalidated=True,
        ),
    }
    app = create_app(TestConfig)

    @app.get("/test-lost")
    def lost_connection():
        raise errors[lost]

    with app.app_context():
        database.create_all()
        response = app.test_client().get("/test-lost")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert b"briefly unavailable" in response.data


def lost_connection_app(view):
    app = create_app(TestConfig)
    app.get("/test-lost")(view)
    return app


def test_the_drivers_own_lost_connection_is_a_503(smtp_server):
    """psycopg's error reaching us unwrapped, or something raised while one
    was handled, still means the database went away: 503, never 500."""
    import psycopg

    def raw_driver_error():
        raise psycopg.errors.AdminShutdown("terminating connection")

    def raised_while_handling():
        try:
            raise psycopg.OperationalError("server closed the connection")
        except psycopg.OperationalError:
            raise RuntimeError("cleanup failed") from None

    for view in (raw_driver_error, raised_while_handling):
        app = lost_connection_app(view)
        with app.app_context():
            database.create_all()
            response = app.test_client().get("/test-lost")
        assert response.status_code == 503, view.__name__
        assert response.headers["Retry-After"] == "30"


def test_the_503_page_needing_the_database_falls_back_to_a_plain_page(
    smtp_server, monkeypatch
):
    from community.main import errors

    def lost():
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    def page_needing_the_database(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    app = lost_connection_app(lost)
    monkeypatch.setattr(errors, "render_template", page_needing_the_database)
    with app.app_context():
        database.create_all()
        response = app.test_client().get("/test-lost")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert b"briefly unavailable" in response.data


def test_a_connection_lost_after_the_last_query_keeps_the_answer(
    smtp_server, monkeypatch
):
    """Closing the session at the end of a request rolls back; a connection
    killed after the view's last query refuses that ROLLBACK. The error came
    out of the teardown, after the answer was chosen, and gunicorn sent a 500
    (bench/faults.py saw it with PostgreSQL stopping under load)."""
    from sqlalchemy import text

    refused = []

    def answered():
        database.session.execute(text("SELECT 1"))
        dialect = database.engine.dialect

        def refuse_rollback(connection):
            refused.append(True)
            monkeypatch.undo()  # once: the dropped connection's successor is fine
            raise dialect.loaded_dbapi.OperationalError("server closed the connection")

        monkeypatch.setattr(dialect, "do_rollback", refuse_rollback)
        return "answered"

    app = lost_connection_app(answered)
    # No app context held open here: each request's own ends with it, as in
    # production, and that is where the session is closed.
    response = app.test_client().get("/test-lost")
    assert refused
    assert response.status_code == 200
    assert response.text == "answered"
    # The session and pool still serve the next request.
    assert app.test_client().get("/test-lost").status_code == 200


def test_a_backend_terminated_after_the_last_query_keeps_the_answer(smtp_server):
    """The same as PostgreSQL does it: pg_terminate_backend between the view's
    last query and the end of the request."""
    from sqlalchemy import text

    def answered():
        pid = database.session.execute(text("SELECT pg_backend_pid()")).scalar()
        with database.engine.connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        return "answered"

    app = lost_connection_app(answered)
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("terminating a backend is PostgreSQL's")
    client = app.test_client()  # each request in its own app context
    for _ in range(2):  # the second one on a fresh connection
        response = client.get("/test-lost")
        assert response.status_code == 200
        assert response.text == "answered"
    with app.app_context():
        database.engine.dispose()


def test_a_connection_lost_in_an_after_request_function_is_a_503(smtp_server):
    """Flask hands what an after_request function raised to the 500 handler,
    wrapped; the wrapped error decides."""

    def lost_afterwards(response):
        raise OperationalError("SELECT 1", {}, Exception("server closed"))

    app = lost_connection_app(lambda: "answered")
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production
    app.after_request(lost_afterwards)
    with app.app_context():
        response = app.test_client().get("/test-lost")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"


def test_a_bug_in_an_after_request_function_is_a_500_logged_with_its_trace(
    smtp_server, caplog
):
    """Not a lost connection: still a 500, and the log names the real error,
    not the InternalServerError Flask wrapped it in."""

    def buggy_afterwards(response):
        raise ValueError("a bug of ours, after the view")

    app = lost_connection_app(lambda: "answered")
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production
    app.after_request(buggy_afterwards)
    with app.app_context():
        response = app.test_client().get("/test-lost")
    assert response.status_code == 500
    assert b"went wrong on our side" in response.data
    logged = [r for r in caplog.records if r.getMessage() == "unhandled error"]
    assert logged and isinstance(logged[0].exc_info[1], ValueError)


def test_a_failing_500_page_still_answers_500(smtp_server, monkeypatch):
    from community.main import errors

    def bug():
        raise ValueError("a bug of ours")

    def broken_page(*args, **kwargs):
        raise RuntimeError("the template is broken")

    app = lost_connection_app(bug)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    monkeypatch.setattr(errors, "render_template", broken_page)
    with app.app_context():
        database.create_all()
        response = app.test_client().get("/test-lost")
    assert response.status_code == 500
    assert b"went wrong on our side" in response.data


def test_ids_beyond_any_row_answer_404_not_500(client, db):
    """A number too large for a 64-bit column once overflowed the driver (500)."""
    huge = "99999999999999999999"
    for url in (
        f"/events/{huge}",
        f"/events/{huge}.ics",
        f"/t/{huge}",
        f"/p/{huge}",
        f"/api/v1/threads/{huge}",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get(f"/t/{2**63 - 1}").status_code == 404
    assert client.get(f"/t/{2**31 - 1}").status_code == 404  # the largest id: a lookup
