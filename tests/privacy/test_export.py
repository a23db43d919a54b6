"""Export my data: everything about the person, and nothing secret."""

import json

import pytest
from redis import Redis
from sqlalchemy import select

from community.jobs import run_worker
from community.notifications.models import Notification
from community.privacy.models import DataExport
from tests.production.test_jobs import needs_redis

REDIS_URL = "redis://127.0.0.1:6379/4"


def export_of(client, db, person) -> dict:
    assert client.post("/auth/settings/export").status_code == 302
    row = db.session.scalar(
        select(DataExport)
        .where(DataExport.user_id == person.id)
        .order_by(DataExport.id.desc())
    )
    response = client.get(f"/auth/settings/export/{row.id}.json")
    assert response.status_code == 200
    return json.loads(response.data)


def test_the_export_holds_everything_about_the_person(client, db, login, leaver):
    login(leaver.person)
    data = export_of(client, db, leaver.person)
    assert data["profile"]["username"] == "leaver"
    assert data["profile"]["organisation"] == "MoICT"
    sources = [post["body_source"] for post in data["posts"]]
    assert "Lea's kept words" in sources and "Lea's removable words" in sources
    assert [thread["title"] for thread in data["threads"]] == ["Lea asks about consent"]
    assert data["lessons"][0]["authors"] == "Lea Verdi and A. N. Other"
    assert data["rsvps"][0]["event_id"] == leaver.event.id
    assert data["notifications"][0]["message"] == "Someone replied to Lea"
    assert data["audit_entries_about_you"][0]["action"] == "account.role"
    assert len(data["memberships"]) == 2
    text = json.dumps(data)
    for secret in (leaver.person.password_hash, leaver.person.calendar_token):
        assert secret not in text
    assert "password_hash" not in text and "totp_secret" not in text


def test_someone_elses_export_is_not_found(client, db, login, leaver):
    login(leaver.person)
    client.post("/auth/settings/export")
    row = db.session.scalar(select(DataExport))
    login(leaver.other)
    assert client.get(f"/auth/settings/export/{row.id}.json").status_code == 404
    assert "Download (JSON)" not in client.get("/auth/settings/export").get_data(
        as_text=True
    )


def test_only_a_few_exports_are_kept(client, db, login, leaver):
    login(leaver.person)
    for _ in range(5):
        client.post("/auth/settings/export")
    assert len(db.session.scalars(select(DataExport)).all()) == 3


@pytest.fixture
def with_redis(app):
    Redis.from_url(REDIS_URL).flushdb()
    app.config["REDIS_URL"] = REDIS_URL
    app.config["EXPORT_INLINE_ROWS"] = 0
    yield
    app.config["REDIS_URL"] = None
    app.config["EXPORT_INLINE_ROWS"] = 2000
    Redis.from_url(REDIS_URL).flushdb()


@needs_redis
def test_a_large_export_is_built_by_the_worker(
    app, client, db, login, leaver, with_redis
):
    login(leaver.person)
    response = client.post("/auth/settings/export", follow_redirects=True)
    assert b"being prepared" in response.data
    assert db.session.scalar(select(DataExport)).status == "pending"
    # A second click while it is pending starts no second export.
    client.post("/auth/settings/export")
    assert len(db.session.scalars(select(DataExport)).all()) == 1
    run_worker(burst=True)
    db.session.expire_all()
    row = db.session.scalar(select(DataExport))
    assert row.status == "ready" and json.loads(row.content)["profile"]["id"]
    told = db.session.scalar(
        select(Notification).where(Notification.kind == "data_export")
    )
    assert told.url == "/auth/settings/export"
    assert client.get(f"/auth/settings/export/{row.id}.json").status_code == 200


def test_settings_link_the_export_and_the_deletion_once(client, db, login, leaver):
    login(leaver.person)
    page = client.get("/auth/settings").get_data(as_text=True)
    assert page.count('id="your-data"') == 1
    assert "<title>Settings ·" in page
    assert 'href="/auth/settings/export"' in page
    assert 'href="/auth/settings/delete"' in page
