"""NUL characters are refused wherever a form can read them from."""

import json

import pytest
from werkzeug.datastructures import MultiDict

from community.auth.models import User
from tests.factories import make_user


def stored_name(db, user) -> str:
    db.session.expire_all()
    return db.session.get(User, user.id).display_name


PROFILE = {
    "display_name": "Ravi",
    "timezone": "UTC",
    "kind": "other",
    "email_frequency": "never",
    "country": "",
}


@pytest.mark.parametrize(
    "body",
    [
        {**PROFILE, "display_name": "Ra\u0000vi"},
        {**PROFILE, "bio": ["fine", "bad\u0000"]},
        {**PROFILE, "nested": {"deep": ["\u0000"]}},
        {**PROFILE, "key\u0000": "value"},
    ],
)
def test_nul_in_a_json_body_is_refused(client, db, login, body):
    user = login(make_user(display_name="Before"))
    response = client.post(
        "/auth/settings", data=json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400
    assert b"null character" in response.data
    assert stored_name(db, user) == "Before"


def test_a_clean_json_body_still_reaches_the_form(client, db, login):
    user = login(make_user(display_name="Before"))
    response = client.post(
        "/auth/settings",
        data=json.dumps({**PROFILE, "display_name": "After"}),
        content_type="application/json",
    )
    assert response.status_code == 302
    assert stored_name(db, user) == "After"


def test_nul_in_a_repeated_form_key_is_refused(client, db, login):
    user = login(make_user(display_name="Before"))
    response = client.post(
        "/auth/settings",
        data=MultiDict([*PROFILE.items(), ("display_name", "Ra\x00vi")]),
    )
    assert response.status_code == 400
    assert stored_name(db, user) == "Before"


def test_nul_in_a_repeated_query_key_is_refused(client, db):
    assert client.get("/search?q=mosip&q=a%00b").status_code == 400


def test_deeply_nested_json_is_refused_not_crashed_on(client, db, login):
    login(make_user())
    body = "[" * 200 + "]" * 200
    response = client.post("/auth/settings", data=body, content_type="application/json")
    assert response.status_code == 400
