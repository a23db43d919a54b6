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


def confirm_link(mailbox, address):
    mailbox.wait_for(1)
    body = mailbox.bodies_to(address)[-1]
    return re.search(r"http://[^\s]+/auth/confirm/[^\s]+", body).group(0)


def test_register_creates_unconfirmed_account_and_mails_a_link(client, db, mailbox):
    response = client.post("/auth/register", data=form())
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.username == "amina_k"))
    assert user.email == "amina@example.org"
    assert not user.is_confirmed
    assert user.password_hash.startswith("scrypt:")

    link = confirm_link(mailbox, "amina@example.org")
    response = client.get(
        link.replace("http://127.0.0.1:5000", ""), follow_redirects=True
    )
    assert b"your e-mail address is confirmed" in response.data
    db.session.refresh(user)
    assert user.is_confirmed


def test_register_logs_the_person_in(client, db, mailbox):
    client.post("/auth/register", data=form())
    page = client.get("/auth/settings")
    assert page.status_code == 200
    assert b"Confirm your e-mail address" in page.data


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"email": ""}, b"This field is required"),
        ({"email": "not-an-email"}, b"Invalid email address"),
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
        ({"display_name": "   "}, b"This field is required"),
        ({"kind": "astronaut"}, b"Not a valid choice"),
    ],
)
def test_register_refuses_bad_input_and_keeps_the_text(client, db, overrides, message):
    data = form(**overrides)
    response = client.post("/auth/register", data=data)
    assert response.status_code == 400
    assert message in response.data
    assert b"Ministry of ICT" in response.data  # what they typed is still there
    assert db.session.scalar(select(func.count(User.id))) == 0


def test_duplicate_email_is_refused_whatever_the_case(client, db):
    make_user(username="first", email="amina@example.org")
    response = client.post("/auth/register", data=form(email="AMINA@example.ORG"))
    assert response.status_code == 400
    assert b"already uses this e-mail" in response.data


def test_username_lookalike_by_case_is_refused(client, db):
    make_user(username="Amina_K")
    response = client.post("/auth/register", data=form(username="amina_k"))
    assert response.status_code == 400
    assert b"username is taken" in response.data


def test_confirmation_link_forged_or_expired(client, db, app, mailbox):
    client.post("/auth/register", data=form())
    link = confirm_link(mailbox, "amina@example.org").replace(
        "http://127.0.0.1:5000", ""
    )
    assert client.get(link[:-3] + "abc").status_code == 400
    app.config["CONFIRM_TOKEN_MAX_AGE"] = -1
    try:
        response = client.get(link)
    finally:
        app.config["CONFIRM_TOKEN_MAX_AGE"] = 7 * 24 * 3600
    assert response.status_code == 400
    assert b"expired" in response.data
