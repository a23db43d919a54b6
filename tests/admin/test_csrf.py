"""With CSRF on, every admin and privacy form refuses a missing or stale token,
changes nothing, and keeps what was typed."""

import pytest
from sqlalchemy import select

from community.admin.models import SitePage
from community.auth.models import User
from community.privacy.models import DataExport


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def test_every_admin_and_privacy_post_refuses_a_missing_token(
    client, db, login, staff_world, csrf_on
):
    target, suspended = staff_world.target, staff_world.suspended
    posts = {
        f"/admin/people/{target.id}/role": {"role": "admin"},
        f"/admin/people/{target.id}/editor": {"editor": "yes"},
        f"/admin/people/{target.id}/suspend": {"reason": "Kept reason"},
        f"/admin/people/{suspended.id}/unsuspend": {"note": "Kept note"},
        f"/admin/people/{target.id}/confirm-email": {},
        "/admin/pages/about": {"title": "Kept title", "body": "Kept body"},
        "/auth/settings/export": {},
    }
    login(staff_world.people["admin"])
    for url, data in posts.items():
        response = client.post(url, data={**data, "csrf_token": "stale"})
        assert response.status_code == 400, url
        for value in data.values():
            assert value.encode() in response.data, url
    db.session.expire_all()
    person = db.session.get(User, target.id)
    assert person.site_role == "member" and not person.is_editor
    assert not person.is_suspended and not person.is_confirmed
    assert db.session.get(User, suspended.id).is_suspended
    assert db.session.scalar(select(SitePage)) is None
    assert db.session.scalar(select(DataExport)) is None


def test_account_deletion_refuses_a_stale_token(
    client, db, login, staff_world, csrf_on
):
    member = login(staff_world.people["member"])
    response = client.post(
        "/auth/settings/delete",
        data={"posts": "remove", "password": "x", "csrf_token": "stale"},
    )
    assert response.status_code == 400 and b"had expired" in response.data
    assert db.session.get(User, member.id) is not None
