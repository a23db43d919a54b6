import re

from community.auth.models import User
from tests.factories import PASSWORD, make_user


def profile_form(**overrides):
    data = {
        "display_name": "Amina Njoroge",
        "organisation": "Ministry of ICT",
        "country": "KE",
        "kind": "government",
        "timezone": "Africa/Nairobi",
        "email_frequency": "daily",
        "bio": "I lead **digital ID** work.",
    }
    data.update(overrides)
    return data


def test_edit_profile_and_see_it_on_the_public_page(client, db, login):
    user = login(make_user(username="amina"))
    response = client.post("/auth/settings", data=profile_form())
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.timezone == "Africa/Nairobi"
    assert user.bio_html == "<p>I lead <strong>digital ID</strong> work.</p>"
    page = client.get("/u/AMINA")
    assert page.status_code == 200
    assert b"Kenya" in page.data and b"<strong>digital ID</strong>" in page.data


def test_profile_refuses_unknown_time_zone_and_keeps_the_text(client, db, login):
    login(make_user())
    response = client.post("/auth/settings", data=profile_form(timezone="Mars/Olympus"))
    assert response.status_code == 400
    assert b"not a time zone we know" in response.data
    assert b"I lead **digital ID** work." in response.data


def test_hostile_bio_is_sanitised(client, db, login):
    user = login(make_user(username="mallory"))
    bio = (
        "<script>alert(1)</script>[x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )
    client.post("/auth/settings", data=profile_form(bio=bio))
    page = client.get("/u/mallory").data
    assert b"<script>" not in page and b"<img" not in page  # shown as text, inert
    assert b'href="javascript' not in page
    db.session.refresh(user)
    assert "<script" not in user.bio_html


def test_unknown_profile_is_404(client, db):
    assert client.get("/u/nobody").status_code == 404


def test_change_password_needs_the_current_one(client, db, login):
    user = login(make_user())
    response = client.post(
        "/auth/settings/password",
        data={"current_password": "wrong one!!", "password": "a fresh passphrase"},
    )
    assert response.status_code == 400
    assert b"not your current password" in response.data
    response = client.post(
        "/auth/settings/password",
        data={"current_password": PASSWORD, "password": "a fresh passphrase"},
    )
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.check_password("a fresh passphrase")
    assert client.get("/auth/settings").status_code == 200  # this session goes on


def test_password_change_ends_other_sessions(app, client, db, login):
    user = login(make_user())
    other = app.test_client()
    with other.session_transaction() as session:
        session["_user_id"] = user.get_id()
    user.set_password("changed elsewhere!")
    db.session.commit()
    assert other.get("/auth/settings").status_code == 302


def test_change_email_takes_effect_after_confirmation(client, db, login, mailbox):
    user = login(make_user(username="ravi", email="ravi@example.org"))
    response = client.post(
        "/auth/settings/email", data={"email": "ravi@new.example", "password": PASSWORD}
    )
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.email == "ravi@example.org" and user.pending_email == "ravi@new.example"
    mailbox.wait_for(1)
    body = mailbox.bodies_to("ravi@new.example")[-1]
    path = re.search(r"/auth/confirm/\S+", body).group(0)
    client.get(path)
    db.session.refresh(user)
    assert user.email == "ravi@new.example"


def test_change_email_to_a_taken_address_tells_its_owner_not_the_asker(
    client, db, login, mailbox
):
    # Saying "already uses" would tell anyone with an account who else has one.
    make_user(email="taken@example.org")
    user = login(make_user())
    response = client.post(
        "/auth/settings/email",
        data={"email": "TAKEN@example.org", "password": PASSWORD},
    )
    assert response.status_code == 302
    mailbox.wait_for(1)
    assert "already has one" in mailbox.bodies_to("taken@example.org")[0]
    db.session.refresh(user)
    assert user.pending_email is None


def test_rotating_the_calendar_token(client, db, login):
    user = login(make_user())
    old = user.calendar_token
    assert old.encode() in client.get("/auth/settings").data
    client.post("/auth/settings/calendar-token")
    fresh = db.session.get(User, user.id)
    db.session.refresh(fresh)
    assert fresh.calendar_token != old and len(fresh.calendar_token) >= 40


def test_settings_need_log_in(client, db):
    response = client.get("/auth/settings")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]
