import re

from sqlalchemy import select

from community.auth.models import User
from tests.factories import PASSWORD, make_user

NEW_PASSWORD = "a brand new passphrase"


def reset_path(mailbox, address):
    mailbox.wait_for(1)
    body = mailbox.bodies_to(address)[-1]
    link = re.search(r"http://[^\s]+/auth/reset/[^\s]+", body).group(0)
    return link.replace("http://127.0.0.1:5000", "")


def test_reset_by_mail_link_works_once(client, db, mailbox):
    make_user(username="lucia", email="lucia@example.org")
    response = client.post("/auth/reset", data={"email": "Lucia@example.org"})
    assert response.status_code == 302
    path = reset_path(mailbox, "lucia@example.org")

    assert client.get(path).status_code == 200
    response = client.post(path, data={"password": NEW_PASSWORD})
    assert response.status_code == 302
    login = {"login": "lucia", "password": NEW_PASSWORD}
    assert client.post("/auth/login", data=login).status_code == 302

    again = client.post(path, data={"password": "yet another passphrase"})
    assert again.status_code == 400
    assert b"already been used" in again.data


def test_unknown_address_gets_the_same_answer_and_no_mail(client, db, mailbox):
    make_user(username="lucia", email="lucia@example.org")
    known = client.post(
        "/auth/reset", data={"email": "lucia@example.org"}, follow_redirects=True
    )
    mailbox.wait_for(1)
    unknown = client.post(
        "/auth/reset", data={"email": "ghost@example.org"}, follow_redirects=True
    )
    assert known.data == unknown.data
    assert len(mailbox.messages) == 1


def test_forged_and_expired_tokens_are_refused(client, db, mailbox, app):
    make_user(username="lucia", email="lucia@example.org")
    client.post("/auth/reset", data={"email": "lucia@example.org"})
    path = reset_path(mailbox, "lucia@example.org")
    assert client.get("/auth/reset/not-a-token").status_code == 400
    assert client.get(path[:-4] + "AAAA").status_code == 400
    app.config["RESET_TOKEN_MAX_AGE"] = -1
    try:
        response = client.post(path, data={"password": NEW_PASSWORD})
    finally:
        app.config["RESET_TOKEN_MAX_AGE"] = 3600
    assert response.status_code == 400
    assert b"expired" in response.data
    user = db.session.scalar(select(User).where(User.username == "lucia"))
    assert user.check_password(PASSWORD)


def test_weak_new_password_is_refused(client, db, mailbox):
    make_user(username="lucia", email="lucia@example.org")
    client.post("/auth/reset", data={"email": "lucia@example.org"})
    path = reset_path(mailbox, "lucia@example.org")
    response = client.post(path, data={"password": "1234567890"})
    assert response.status_code == 400
    assert b"too common" in response.data
