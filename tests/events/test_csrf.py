"""With CSRF on, every events form refuses a bad token and keeps the text."""

import io

import pytest
from sqlalchemy import func, select

from community.events.models import Event, Rsvp
from tests.events.test_ical import event_form
from tests.factories import make_community, make_event, make_membership, make_user


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


@pytest.fixture
def series(db, login):
    community = make_community(slug="govstack")
    organiser = login(make_user(site_role="admin"))
    make_membership(organiser, community, role="organiser")
    from datetime import datetime

    return make_event(
        community,
        organiser,
        title="Series",
        start_local=datetime(2030, 1, 7, 10),
        end_local=datetime(2030, 1, 7, 11),
        frequency="weekly",
        count=3,
    )


@pytest.mark.parametrize("token", [None, "stale-token-from-yesterday"])
def test_event_forms_refuse_bad_tokens_and_keep_the_text(
    client, series, csrf_on, token
):
    extra = {"csrf_token": token} if token else {}
    form = event_form(
        title="Kept title text", description="Kept description text", **extra
    )
    for url in ("/c/govstack/events/new", "/events/new", f"/events/{series.id}/edit"):
        response = client.post(url, data=form)
        page = response.get_data(as_text=True)
        assert response.status_code == 400, url
        assert "form had expired" in page and "Kept title text" in page
        assert "Kept description text" in page
    moved = client.post(
        f"/events/{series.id}/occurrences/20300114T100000Z",
        data={
            "start_local": "2030-01-14T15:45",
            "end_local": "2030-01-14T16:45",
            **extra,
        },
    )
    assert moved.status_code == 400 and "2030-01-14T15:45" in moved.get_data(
        as_text=True
    )
    for url in (
        f"/events/{series.id}/cancel",
        f"/events/{series.id}/occurrences/20300114T100000Z/cancel",
        f"/events/{series.id}/rsvp",
        "/c/govstack/events/import/confirm",
    ):
        assert (
            client.post(
                url,
                data={"answer": "going", "date": "all", "payload": "eA==", **extra},
            ).status_code
            == 400
        ), url
    upload = client.post(
        "/c/govstack/events/import",
        content_type="multipart/form-data",
        data={"file": (io.BytesIO(b"BEGIN:VCALENDAR"), "a.ics"), **extra},
    )
    assert upload.status_code == 400
    from community.extensions import db

    assert db.session.scalar(select(func.count(Event.id))) == 1
    assert db.session.scalar(select(Rsvp.id)) is None
    assert db.session.get(Event, series.id).sequence == 0


def test_a_valid_token_is_accepted(client, series, csrf_on):
    page = client.get(f"/events/{series.id}").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post(
        f"/events/{series.id}/rsvp", data={"answer": "going", "csrf_token": token}
    )
    assert response.status_code == 302
