import pyotp
import pytest
from sqlalchemy import select

from community.auth.models import User
from community.timezones import utcnow
from tests.factories import PASSWORD, make_user


def current_code(secret: str, offset: int = 0) -> str:
    totp = pyotp.TOTP(secret)
    return totp.generate_otp(totp.timecode(utcnow()) + offset)


def turn_on(client, user) -> tuple[str, list[str]]:
    page = client.get("/auth/settings/two-factor").get_data(as_text=True)
    secret = page.split('<code class="secret">')[1].split("</code>")[0].replace(" ", "")
    response = client.post(
        "/auth/settings/two-factor", data={"code": current_code(secret, -1)}
    )
    assert response.status_code == 200
    codes = [
        part.split("</code>")[0]
        for part in response.get_data(as_text=True).split("<li><code>")[1:]
    ]
    return secret, codes


def test_set_up_then_log_in_with_a_code(client, db, login):
    user = login(make_user(username="jonas", site_role="moderator"))
    secret, codes = turn_on(client, user)
    assert len(codes) == 10
    client.post("/auth/logout")

    response = client.post("/auth/login", data={"login": "jonas", "password": PASSWORD})
    assert response.headers["Location"] == "/auth/two-factor"
    assert client.get("/auth/settings").status_code == 302  # not logged in yet
    wrong = client.post("/auth/two-factor", data={"code": "000000"})
    assert wrong.status_code == 400 and b"not right" in wrong.data
    assert (
        client.post("/auth/two-factor", data={"code": current_code(secret)}).status_code
        == 302
    )
    assert client.get("/auth/settings").status_code == 200


def test_a_code_cannot_be_replayed_and_recovery_codes_work_once(client, db, login):
    user = login(make_user(username="maya"))
    secret, codes = turn_on(client, user)
    client.post("/auth/logout")
    client.post("/auth/login", data={"login": "maya", "password": PASSWORD})
    client.post("/auth/two-factor", data={"code": current_code(secret)})
    client.post("/auth/logout")
    client.post("/auth/login", data={"login": "maya", "password": PASSWORD})
    assert (
        client.post("/auth/two-factor", data={"code": current_code(secret)}).status_code
        == 400
    )
    assert client.post("/auth/two-factor", data={"code": codes[0]}).status_code == 302
    client.post("/auth/logout")
    client.post("/auth/login", data={"login": "maya", "password": PASSWORD})
    assert client.post("/auth/two-factor", data={"code": codes[0]}).status_code == 400


def test_wrong_setup_code_is_refused(client, db, login):
    login(make_user())
    client.get("/auth/settings/two-factor")
    response = client.post("/auth/settings/two-factor", data={"code": "12345x"})
    assert response.status_code == 400
    assert db.session.scalar(select(User.two_factor_enabled_at)) is None


def test_disable_needs_password_and_code(client, db, login):
    user = login(make_user())
    secret, _codes = turn_on(client, user)
    bad = client.post(
        "/auth/settings/two-factor/disable", data={"password": "nope nope", "code": "1"}
    )
    assert bad.status_code == 400
    good = client.post(
        "/auth/settings/two-factor/disable",
        data={"password": PASSWORD, "code": current_code(secret, 1)},
    )
    assert good.status_code == 302
    db.session.refresh(user)
    assert not user.has_two_factor


def test_two_factor_page_without_a_pending_log_in(client, db):
    response = client.get("/auth/two-factor")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


@pytest.mark.parametrize("role", ["admin", "moderator"])
def test_required_two_factor_for_staff(app, client, db, login, role):
    app.config["STAFF_TWO_FACTOR_REQUIRED"] = True
    try:
        login(make_user(site_role=role))
        response = client.get("/c/")
        assert response.status_code == 302
        assert response.headers["Location"] == "/auth/settings/two-factor"
        assert client.get("/auth/settings/two-factor").status_code == 200
        login(make_user())  # members are not asked
        assert client.get("/c/").status_code == 200
    finally:
        app.config["STAFF_TWO_FACTOR_REQUIRED"] = False


def test_staff_sessions_expire_after_inactivity(client, db, login):
    login(make_user(site_role="admin"))
    assert client.get("/auth/settings").status_code == 200
    with client.session_transaction() as session:
        session["last_active"] -= 31 * 60
    response = client.get("/auth/settings")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert client.get("/auth/settings").status_code == 302


def test_audit_entries_carry_the_ip(app, db):
    from community.audit import record

    with app.test_request_context(environ_base={"REMOTE_ADDR": "203.0.113.9"}):
        entry = record(make_user(site_role="admin"), "community.archive")
    assert entry.ip == "203.0.113.9"
