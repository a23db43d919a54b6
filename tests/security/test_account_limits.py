"""Per-account limits key on the account, not its spelling; the two-factor
step has a bucket per pending log-in; reset links die with an e-mail change."""

import re
from contextlib import contextmanager

import pytest

from community.extensions import limiter
from tests.factories import PASSWORD, make_user
from tests.production.test_two_factor import current_code, turn_on


@contextmanager
def limit(app, value: str = "10 per minute"):
    app.config["LOGIN_RATE_LIMIT"] = value
    limiter.reset()
    try:
        yield
    finally:
        app.config["LOGIN_RATE_LIMIT"] = "10000 per minute"
        limiter.reset()


def from_address(number: int) -> dict:
    # A different address each time, so only the per-account limit can bite.
    return {"REMOTE_ADDR": f"10.1.{number // 250}.{number % 250 + 1}"}


SPELLINGS = ["ravi", " ravi", "ravi\t", "RAVI", "Ravi ", "ravi@example.org"]
SPELLINGS += ["RAVI@Example.org", "\travi@example.org ", "rAvI", "ravi  "]


def test_respelling_the_account_shares_one_log_in_bucket(app, client, db):
    make_user(username="ravi", email="ravi@example.org")
    with limit(app):
        statuses = [
            client.post(
                "/auth/login",
                data={"login": spelling, "password": "wrong password!"},
                environ_base=from_address(number),
            ).status_code
            for number, spelling in enumerate(SPELLINGS + ["ravi", "Ravi@example.org"])
        ]
    assert statuses[:10] == [400] * 10
    assert statuses[10:] == [429, 429]


def test_respelling_an_address_shares_one_reset_bucket(app, client, db, mailbox):
    make_user(username="ravi", email="ravi@example.org")
    spellings = [s for s in SPELLINGS if "@" in s] * 4
    with limit(app):
        statuses = [
            client.post(
                "/auth/reset", data={"email": spelling}, environ_base=from_address(n)
            ).status_code
            for n, spelling in enumerate(spellings[:12])
        ]
    assert statuses[:10] == [302] * 10
    assert statuses[10:] == [429, 429]


def test_unknown_accounts_key_on_the_normalised_value(app, client, db):
    with limit(app, "3 per minute"):
        statuses = [
            client.post(
                "/auth/login",
                data={"login": spelling, "password": "x"},
                environ_base=from_address(n),
            ).status_code
            for n, spelling in enumerate(["ghost", " GHOST", "ghost\t", "Ghost"])
        ]
    assert statuses == [400, 400, 400, 429]


def test_registration_is_limited_per_address_too(app, client, db, mailbox):
    make_user(username="ravi", email="ravi@example.org")
    data = {
        "username": "someone_new",
        "display_name": "Someone",
        "password": "a long enough passphrase",
    }
    with limit(app, "3 per minute"):
        statuses = [
            client.post(
                "/auth/register",
                data={**data, "email": email},
                environ_base=from_address(n),
            ).status_code
            for n, email in enumerate(
                [
                    "ravi@example.org",
                    "RAVI@example.org",
                    " ravi@Example.org",
                    "ravi@example.org",
                ]
            )
        ]
    assert statuses == [302, 302, 302, 429]


def pending_two_factor(client, username: str, secret_holder: dict) -> None:
    response = client.post(
        "/auth/login", data={"login": username, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/auth/two-factor"


@pytest.fixture
def two_people_with_two_factor(app, db):
    clients, secrets = [], []
    for username in ("jonas", "maria"):
        client = app.test_client()
        user = make_user(username=username)
        with client.session_transaction() as session:
            session["_user_id"] = user.get_id()
        secret, _codes = turn_on(client, user)
        client.post("/auth/logout")
        clients.append(client)
        secrets.append(secret)
    return clients, secrets


def test_one_visitor_cannot_block_everyone_s_second_step(
    app, db, two_people_with_two_factor
):
    (jonas, maria), (_jonas_secret, maria_secret) = two_people_with_two_factor
    with limit(app):
        for client, name in ((jonas, "jonas"), (maria, "maria")):
            pending_two_factor(client, name, {})
        wrong = [
            jonas.post(
                "/auth/two-factor",
                data={"code": "000000"},
                environ_base=from_address(n),
            ).status_code
            for n in range(11)
        ]
        other = maria.post(
            "/auth/two-factor",
            data={"code": current_code(maria_secret)},
            environ_base=from_address(99),
        )
    assert wrong[:10] == [400] * 10 and wrong[10] == 429
    assert other.status_code == 302
    assert maria.get("/auth/settings").status_code == 200


def test_a_new_pending_log_in_does_not_reset_the_code_bucket(
    app, db, two_people_with_two_factor
):
    (jonas, _maria), _secrets = two_people_with_two_factor
    with limit(app, "4 per minute"):
        statuses = []
        for n in range(3):
            pending_two_factor(jonas, "jonas", {})
            for attempt in range(2 if n < 2 else 1):
                statuses.append(
                    jonas.post(
                        "/auth/two-factor",
                        data={"code": "000000"},
                        environ_base=from_address(n * 10 + attempt),
                    ).status_code
                )
    assert statuses == [400, 400, 400, 400, 429]


def reset_path(mailbox, address: str) -> str:
    mailbox.wait_for(1)
    body = mailbox.bodies_to(address)[-1]
    link = re.search(r"http://[^\s]+/auth/reset/[^\s]+", body).group(0)
    return link.replace("http://127.0.0.1:5000", "")


def test_a_reset_link_dies_when_the_e_mail_changes(client, db, mailbox, login):
    user = make_user(username="lucia", email="lucia@example.org")
    client.post("/auth/reset", data={"email": "lucia@example.org"})
    path = reset_path(mailbox, "lucia@example.org")
    assert client.get(path).status_code == 200
    user.email = "lucia@new.example"
    db.session.commit()
    response = client.post(path, data={"password": "a brand new passphrase"})
    assert response.status_code == 400
    assert b"earlier e-mail address" in response.data


def test_a_reset_link_dies_when_the_password_changes(client, db, mailbox):
    user = make_user(username="lucia", email="lucia@example.org")
    client.post("/auth/reset", data={"email": "lucia@example.org"})
    path = reset_path(mailbox, "lucia@example.org")
    user.set_password("changed elsewhere meanwhile")
    db.session.commit()
    assert client.get(path).status_code == 400
