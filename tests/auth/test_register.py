import re

import pytest
from sqlalchemy import func, select

from community.auth.models import User
from tests.factories import make_user


def form(**overrides):
    data = {
        "email": "Amina@Example.org",
        "username": "amina_k",
        "display_name": "Amina K",
        "organisation": "Ministry of ICT",
        "kind": "government",
        "password": "a long enough passphrase",
    }
    data.update(overrides)
    return data


def finish_link(mailbox, address):
    mailbox.wait_for(1)
    body = mailbox.bodies_to(address)[-1]
    link = re.search(r"http://[^\s]+/auth/register/finish/[^\s]+", body).group(0)
    return link.replace("http://127.0.0.1:5000", "")


def test_register_mails_a_link_that_creates_the_confirmed_account(client, db, mailbox):
    response = client.post("/auth/register", data=form())
    assert response.status_code == 302
    assert response.headers["Location"] == "/auth/register/sent"
    # Nothing exists, not even the username, until the mailbox is proven.
    assert db.session.scalar(select(func.count(User.id))) == 0
    assert client.get("/u/amina_k").status_code == 404

    response = client.get(finish_link(mailbox, "amina@example.org"))
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.username == "amina_k"))
    assert user.email == "amina@example.org"
    assert user.is_confirmed
    assert user.password_hash.startswith("scrypt:")
    assert user.organisation == "Ministry of ICT" and user.kind == "government"


def test_the_finish_link_logs_the_person_in_once(client, db, mailbox):
    client.post("/auth/register", data=form())
    link = finish_link(mailbox, "amina@example.org")
    client.get(link)
    assert client.get("/auth/settings").status_code == 200
    again = client.get(link)
    assert again.status_code == 400 and b"already been used" in again.data


def test_the_new_password_works_for_log_in(client, db, mailbox):
    client.post("/auth/register", data=form())
    client.get(finish_link(mailbox, "amina@example.org"))
    client.post("/auth/logout")
    response = client.post(
        "/auth/login",
        data={"login": "amina_k", "password": "a long enough passphrase"},
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"email": ""}, b"Please fill this in"),
        ({"email": "not-an-email"}, b"Give an e-mail address in the form"),
        ({"username": "ab"}, b"between 3 and 30"),
        ({"username": "has space"}, b"no spaces"),
        ({"username": "<script>"}, b"no spaces"),
        ({"username": "x" * 31}, b"between 3 and 30"),
        ({"password": "short"}, b"at least 10 characters"),
        ({"password": "password123"}, b"too common"),
        ({"password": "aaaaaaaaaaaa"}, b"too common"),
        ({"password": "amina_k", "username": "amina_k"}, b"at least 10"),
        (
            {"password": "amina_kamau", "username": "amina_kamau"},
            b"must not be your username",
        ),
        ({"display_name": "   "}, b"Please fill this in"),
        ({"kind": "astronaut"}, b"Choose one of the options offered"),
    ],
)
def test_register_refuses_bad_input_and_keeps_the_text(client, db, overrides, message):
    data = form(**overrides)
    response = client.post("/auth/register", data=data)
    assert response.status_code == 400
    assert message in response.data
    assert b"Ministry of ICT" in response.data  # what they typed is still there
    assert db.session.scalar(select(func.count(User.id))) == 0


def test_a_taken_email_gets_the_same_answer_and_its_owner_a_note(client, db, mailbox):
    make_user(username="first", email="amina@example.org")
    fresh = client.post("/auth/register", data=form(email="new@example.org"))
    taken = client.post(
        "/auth/register", data=form(email="AMINA@example.ORG", username="other_k")
    )
    assert fresh.status_code == taken.status_code == 302
    assert fresh.headers["Location"] == taken.headers["Location"]
    assert b"already uses" not in taken.data
    mailbox.wait_for(2)
    note = mailbox.bodies_to("amina@example.org")[0]
    assert "already has one" in note and "/auth/register/finish/" not in note
    assert db.session.scalar(select(func.count(User.id))) == 1
    sent = client.get("/auth/register/sent")
    assert sent.status_code == 200 and b"Check your inbox" in sent.data


def test_an_address_taken_between_registering_and_finishing(client, db, mailbox):
    client.post("/auth/register", data=form())
    link = finish_link(mailbox, "amina@example.org")
    make_user(username="quick", email="amina@example.org")
    response = client.get(link)
    assert response.status_code == 400
    assert db.session.scalar(select(func.count(User.id))) == 1


def test_username_lookalike_by_case_is_refused(client, db):
    make_user(username="Amina_K")
    response = client.post("/auth/register", data=form(username="amina_k"))
    assert response.status_code == 400
    assert b"username is taken" in response.data


def test_finish_link_forged_or_expired(client, db, app, mailbox):
    client.post("/auth/register", data=form())
    link = finish_link(mailbox, "amina@example.org")
    assert client.get(link[:-3] + "abc").status_code == 400
    app.config["CONFIRM_TOKEN_MAX_AGE"] = -1
    try:
        response = client.get(link)
    finally:
        app.config["CONFIRM_TOKEN_MAX_AGE"] = 7 * 24 * 3600
    assert response.status_code == 400
    assert b"expired" in response.data
    assert db.session.scalar(select(func.count(User.id))) == 0
