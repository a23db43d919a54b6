"""Log-out, "log out everywhere", suspension and the staff idle time-out end
every copy of a session or remember cookie (issue 14, high)."""

import time

from community.auth import accounts
from community.auth.models import User
from tests.factories import PASSWORD, make_user


def log_in(client, login: str, remember: bool = True) -> None:
    data = {"login": login, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    response = client.post("/auth/login", data=data)
    assert response.status_code == 302


def copy_cookies(source, target) -> None:
    for name in ("session", "remember_token"):
        cookie = source.get_cookie(name)
        if cookie is not None:
            target.set_cookie(name, cookie.value)


def is_logged_in(client) -> bool:
    return client.get("/auth/settings").status_code == 200


def test_log_out_deletes_the_remember_cookie(client, db):
    make_user(username="ravi")
    log_in(client, "ravi")
    assert client.get_cookie("remember_token") is not None
    client.post("/auth/logout")
    assert client.get_cookie("remember_token") is None
    assert not is_logged_in(client)
    assert not is_logged_in(client)  # not logged back in by a cookie left behind


def test_a_copied_remember_cookie_dies_at_log_out(app, client, db):
    make_user(username="ravi")
    log_in(client, "ravi")
    thief = app.test_client()
    remember = client.get_cookie("remember_token")
    thief.set_cookie("remember_token", remember.value)
    assert is_logged_in(thief)
    client.post("/auth/logout")
    thief_only_remember = app.test_client()
    thief_only_remember.set_cookie("remember_token", remember.value)
    assert not is_logged_in(thief_only_remember)
    assert not is_logged_in(thief)


def test_a_copied_session_cookie_dies_at_log_out(app, client, db):
    make_user(username="ravi")
    log_in(client, "ravi", remember=False)
    thief = app.test_client()
    copy_cookies(client, thief)
    assert is_logged_in(thief)
    client.post("/auth/logout")
    assert not is_logged_in(thief)


def test_log_out_everywhere_ends_other_devices(app, client, db):
    make_user(username="ravi")
    laptop = app.test_client()
    log_in(laptop, "ravi")
    log_in(client, "ravi", remember=False)
    response = client.post("/auth/settings/log-out-everywhere")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")
    assert not is_logged_in(client)
    assert not is_logged_in(laptop)
    log_in(client, "ravi")  # a new log-in works again
    assert is_logged_in(client)


def test_settings_offers_log_out_everywhere(client, db, login):
    login(make_user())
    page = client.get("/auth/settings").data.decode()
    assert 'action="/auth/settings/log-out-everywhere"' in page


def test_log_out_everywhere_refuses_a_get(client, db, login):
    login(make_user())
    assert client.get("/auth/settings/log-out-everywhere").status_code == 405
    assert is_logged_in(client)


def test_suspension_ends_sessions_for_good_even_once_lifted(app, client, db):
    user = make_user(username="ravi")
    log_in(client, "ravi")
    copy = app.test_client()
    copy_cookies(client, copy)
    accounts.suspend(user, "Spam")
    db.session.commit()
    assert not is_logged_in(client)
    # Lifting the suspension must not revive the cookies issued before it.
    user = db.session.get(User, user.id)
    user.suspended_at = None
    db.session.commit()
    assert not is_logged_in(copy)


def test_end_all_sessions_is_a_service_the_admin_area_can_call(app, client, db):
    user = make_user(username="ravi")
    log_in(client, "ravi")
    from community.auth.session import end_all_sessions

    end_all_sessions(user)
    db.session.commit()
    assert not is_logged_in(client)


def test_staff_idle_time_out_deletes_the_remember_cookie(app, client, db):
    # Kept logged in as a member, made a moderator later: the cookie predates it.
    user = make_user(username="mod")
    log_in(client, "mod")
    assert client.get_cookie("remember_token") is not None
    user.site_role = "moderator"
    db.session.commit()
    assert is_logged_in(client)
    with client.session_transaction() as session:
        session["last_active"] = int(time.time()) - 31 * 60
    response = client.get("/auth/settings")
    assert response.status_code == 302
    assert client.get_cookie("remember_token") is None
    assert not is_logged_in(client)


def test_password_change_ends_other_sessions(app, client, db):
    make_user(username="ravi")
    other = app.test_client()
    log_in(other, "ravi")
    log_in(client, "ravi", remember=False)
    response = client.post(
        "/auth/settings/password",
        data={"current_password": PASSWORD, "password": "a brand new passphrase"},
    )
    assert response.status_code == 302
    assert is_logged_in(client)
    assert not is_logged_in(other)


def test_staff_get_no_lasting_cookie(client, db):
    # The idle time-out lives in the session; a remember cookie would outlast it.
    make_user(username="mod", site_role="moderator")
    log_in(client, "mod", remember=True)
    assert client.get_cookie("remember_token") is None
    assert is_logged_in(client)


def test_staff_requests_do_not_rewrite_the_session_on_every_request(app, client, db):
    """A stylesheet or favicon request that started before a page set a form's
    CSRF token (or the new two-factor key) must not send back an older session:
    the idle clock is written at most once a minute, and never by static files.
    (The flaky two-factor browser journey lost its session this way.)"""
    make_user(username="staffer", site_role="admin")
    log_in(client, "staffer", remember=False)
    assert is_logged_in(client)  # the first request after log-in starts the clock

    def sets_session_cookie(response) -> bool:
        cookies = response.headers.getlist("Set-Cookie")
        return any(cookie.startswith("session=") for cookie in cookies)

    assert not sets_session_cookie(client.get("/static/site.css"))
    assert not sets_session_cookie(client.get("/favicon.ico"))
    assert not sets_session_cookie(client.get("/"))
    with client.session_transaction() as session:
        session["last_active"] = int(time.time()) - 5 * 60
    assert sets_session_cookie(client.get("/"))  # minutes later: written again
