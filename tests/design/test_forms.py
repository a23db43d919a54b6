"""A failed form opens with a summary linking to each field, in the hub's voice."""

import re

from wtforms import Form

import community  # noqa: F401 - imports every feature's forms through create_app
from community.forms import HubForm, QueryForm
from tests.factories import make_user

GENERIC = [
    b"This field is required.",
    b"Invalid email address.",
    b"Field must be between",
    b"Not a valid choice.",
]


def test_a_failed_form_opens_with_a_summary_linking_to_each_field(client, db):
    response = client.post(
        "/auth/register",
        data={"email": "not-an-email", "username": "ab", "kind": "astronaut"},
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    pattern = r'<div class="error-summary" role="alert"[^>]*>(.*?)</div>'
    summary = re.search(pattern, html, re.S)
    assert summary, "no error summary"
    assert "autofocus" in summary.group(0) and 'tabindex="-1"' in summary.group(0)
    links = re.findall(r'href="#([^"]+)"', summary.group(1))
    assert {"email", "username", "display_name", "kind", "password"} <= set(links)
    for target in links:  # every link lands on a control of the page
        assert f'id="{target}"' in html
    # The summary comes before the first field.
    assert html.index("error-summary") < html.index('id="email"')


def test_generic_wtforms_messages_do_not_leak(client, db):
    response = client.post(
        "/auth/register", data={"email": "nope", "username": "ab", "kind": "x"}
    )
    for message in GENERIC:
        assert message not in response.data
    assert b"Give an e-mail address in the form name@example.org." in response.data
    assert b"Please fill this in" in response.data


def test_a_length_message_keeps_its_numbers(client, db):
    response = client.post("/auth/register", data={"username": "ab"})
    assert b"Use between 3 and 30 characters; this has 2." in response.data


def test_a_field_with_its_own_id_gets_a_link_to_that_id(client, db, login):
    login(make_user(username="amina", email="amina@example.org"))
    response = client.post("/auth/settings/email", data={"email": "", "password": ""})
    assert response.status_code in (200, 400)
    html = response.get_data(as_text=True)
    assert 'href="#email-password"' in html and 'id="email-password"' in html


def test_a_form_that_has_not_failed_has_no_summary(client, db):
    assert b"error-summary" not in client.get("/auth/register").data


def all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from all_subclasses(sub)


def test_every_form_speaks_in_the_hubs_voice(app):
    forms = [f for f in all_subclasses(Form) if f.__module__.startswith("community")]
    assert len(forms) > 20
    strays = [f.__qualname__ for f in forms if not issubclass(f, (HubForm, QueryForm))]
    assert strays == [], (
        "subclass community.forms.HubForm (or QueryForm), not FlaskForm"
    )
