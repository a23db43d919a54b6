import pytest

from community.extensions import limiter
from community.timezones import utcnow
from tests.factories import PASSWORD, make_user


def test_log_in_with_username_or_email(client, db):
    make_user(username="Ravi", email="ravi@example.org")
    for login in ("ravi", "RAVI@example.org"):
        response = client.post(
            "/auth/login", data={"login": login, "password": PASSWORD}
        )
        assert response.status_code == 302
        assert response.headers["Location"] == "/"
        assert client.get("/auth/settings").status_code == 200
        client.post("/auth/logout")


def test_wrong_password_and_unknown_account_answer_the_same(client, db):
    make_user(username="ravi")
    wrong = client.post(
        "/auth/login", data={"login": "ravi", "password": "wrong password!"}
    )
    unknown = client.post(
        "/auth/login", data={"login": "nobody", "password": "wrong password!"}
    )
    assert wrong.status_code == unknown.status_code == 400
    assert b"do not match" in wrong.data and b"do not match" in unknown.data
    assert wrong.data.replace(b"ravi", b"nobody") == unknown.data


def test_suspended_account_cannot_log_in_and_sees_why(client, db):
    make_user(
        username="spammer", suspended_at=utcnow(), suspended_reason="Posting adverts"
    )
    response = client.post(
        "/auth/login", data={"login": "spammer", "password": PASSWORD}
    )
    assert response.status_code == 403
    assert b"Posting adverts" in response.data


def test_suspension_ends_an_open_session(client, db, login):
    user = make_user()
    login(user)
    assert client.get("/auth/settings").status_code == 200
    user.suspended_at = utcnow()
    db.session.commit()
    assert client.get("/auth/settings").status_code == 302


def test_logout_is_post_only(client, db, login):
    login(make_user())
    page = client.get("/auth/logout")
    assert page.status_code == 200 and b"Log out of" in page.data
    assert client.get("/auth/settings").status_code == 200  # GET did not log out
    client.post("/auth/logout")
    assert client.get("/auth/settings").status_code == 302


def test_log_in_starts_a_fresh_session(client, db):
    make_user(username="ravi")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    client.post("/auth/login", data={"login": "ravi", "password": PASSWORD})
    with client.session_transaction() as session:
        assert "planted" not in session
        assert "_user_id" in session


def test_remember_me_sets_a_lasting_cookie(client, db):
    make_user(username="ravi")
    client.post(
        "/auth/login", data={"login": "ravi", "password": PASSWORD, "remember": "y"}
    )
    assert client.get_cookie("remember_token") is not None


@pytest.mark.parametrize(
    "target, expected",
    [
        ("/c/", "/c/"),
        ("/t/1?x=1", "/t/1?x=1"),
        ("//evil.example", "/"),
        ("https://evil.example", "/"),
        ("/\\evil.example", "/"),
        ("\\\\evil.example", "/"),
        ("http:evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("/\t/evil.example", "/"),
        (" //evil.example", "/"),
    ],
)
def test_next_accepts_only_local_paths(client, db, target, expected):
    make_user(username="ravi")
    response = client.post(
        "/auth/login", data={"login": "ravi", "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_login_is_rate_limited_per_account(client, db, app):
    make_user(username="ravi")
    app.config["LOGIN_RATE_LIMIT"] = "10 per minute"
    limiter.reset()
    try:
        statuses = [
            client.post(
                "/auth/login",
                data={"login": "ravi", "password": "wrong password!"},
                environ_base={"REMOTE_ADDR": f"10.0.0.{attempt}"},
            ).status_code
            for attempt in range(12)
        ]
    finally:
        app.config["LOGIN_RATE_LIMIT"] = "10000 per minute"
        limiter.reset()
    assert statuses[:10] == [400] * 10
    assert statuses[10:] == [429, 429]


def test_login_is_rate_limited_per_address(client, db, app):
    app.config["LOGIN_RATE_LIMIT"] = "10 per minute"
    limiter.reset()
    try:
        statuses = [
            client.post(
                "/auth/login", data={"login": f"someone{attempt}", "password": "x"}
            ).status_code
            for attempt in range(11)
        ]
    finally:
        app.config["LOGIN_RATE_LIMIT"] = "10000 per minute"
        limiter.reset()
    assert statuses[-1] == 429
    last = client.get("/")
    assert last.status_code == 200
