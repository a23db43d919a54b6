"""Every new route × every kind of person, through HTTP.

L: sent to log in; F: sent to set up two-factor (the
STAFF_TWO_FACTOR_REQUIRED setting is on for the two *_2fa roles only); a number
is the status. A 302 for staff means the action was done (checked in test_people).
"""

import pytest
from sqlalchemy import select

from community.privacy.models import DataExport

L, F = "login", "2fa"
ROLES = [
    "visitor",
    "member",
    "moderator",
    "site_moderator",
    "admin",
    "admin_no_2fa",
    "admin_2fa",
]
MATRIX = {
    "GET /admin/": [L, 403, 403, 200, 200, F, 200],
    "GET /admin/people/{target}": [L, 403, 403, 200, 200, F, 200],
    "POST /admin/people/{target}/role": [L, 403, 403, 403, 302, F, 302],
    "POST /admin/people/{target}/editor": [L, 403, 403, 403, 302, F, 302],
    "POST /admin/people/{target}/confirm-email": [L, 403, 403, 302, 302, F, 302],
    "POST /admin/people/{target}/suspend": [L, 403, 403, 302, 302, F, 302],
    "POST /admin/people/{suspended}/unsuspend": [L, 403, 403, 302, 302, F, 302],
    "GET /admin/audit": [L, 403, 200, 200, 200, F, 200],
    "GET /admin/pages": [L, 403, 403, 403, 200, F, 200],
    "GET /admin/pages/about": [L, 403, 403, 403, 200, F, 200],
    "POST /admin/pages/about": [L, 403, 403, 403, 302, F, 302],
    "GET /about": [200, 200, 200, 200, 200, F, 200],
    "GET /code-of-conduct": [200, 200, 200, 200, 200, F, 200],
    "GET /privacy": [200, 200, 200, 200, 200, F, 200],
    "GET /accessibility": [200, 200, 200, 200, 200, F, 200],
    "GET /contact": [200, 200, 200, 200, 200, F, 200],
    "GET /auth/settings/export": [L, 200, 200, 200, 200, F, 200],
    "POST /auth/settings/export": [L, 302, 302, 302, 302, F, 302],
    "GET /auth/settings/export/{export}.json": [L, 404, 404, 404, 404, F, 404],
    "GET /auth/settings/delete": [L, 200, 200, 200, 403, F, 403],
    "POST /auth/settings/delete": [L, 400, 400, 400, 403, F, 403],
    "POST /auth/settings/calendar-feed": [L, 302, 302, 302, 302, F, 302],
}  # fmt: skip
DATA = {
    "role": {"role": "moderator"},
    "editor": {"editor": "yes"},
    "suspend": {"reason": "Posting adverts"},
    "about": {"title": "About us", "body": "We are **here**."},
    "delete": {"posts": "keep", "password": "not the password"},
    "calendar-feed": {"only_going": "y"},
}


def outcome(response):
    location = response.headers.get("Location", "")
    if response.status_code == 302 and "/auth/login" in location:
        return L
    if response.status_code == 302 and "two-factor" in location:
        return F
    return response.status_code


@pytest.mark.parametrize("role_index", range(len(ROLES)))
def test_admin_and_privacy_matrix(app, client, db, login, staff_world, role_index):
    role = ROLES[role_index]
    people = staff_world.people
    someone_else = DataExport(
        user_id=staff_world.target.id, status="ready", content="{}"
    )
    db.session.add(someone_else)
    db.session.commit()
    app.config["STAFF_TWO_FACTOR_REQUIRED"] = role.endswith(F)
    if people[role] is not None:
        login(people[role])
    try:
        for line, statuses in MATRIX.items():
            method, template = line.split()
            url = template.format(
                target=staff_world.target.id,
                suspended=staff_world.suspended.id,
                export=someone_else.id,
            )
            data = DATA.get(url.rstrip("/").rsplit("/", 1)[-1], {})
            response = (
                client.get(url) if method == "GET" else client.post(url, data=data)
            )
            assert outcome(response) == statuses[role_index], (role, line)
    finally:
        app.config["STAFF_TWO_FACTOR_REQUIRED"] = False


def test_the_owner_downloads_their_export_without_caching(
    client, db, login, staff_world
):
    member = login(staff_world.people["member"])
    assert client.post("/auth/settings/export").status_code == 302
    export = db.session.scalar(
        select(DataExport).where(DataExport.user_id == member.id)
    )
    response = client.get(f"/auth/settings/export/{export.id}.json")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.json["profile"]["username"] == "plainmember"


def test_community_moderators_need_two_factor_for_the_audit_log_too(
    app, client, db, login, staff_world
):
    login(staff_world.people["moderator"])
    app.config["STAFF_TWO_FACTOR_REQUIRED"] = True
    try:
        assert outcome(client.get("/admin/audit")) == F
        assert client.get("/c/govstack").status_code == 200  # not staff elsewhere
    finally:
        app.config["STAFF_TWO_FACTOR_REQUIRED"] = False


@pytest.mark.parametrize(
    "url",
    [
        "/admin/people/999999",
        "/admin/people/not-a-number",
        "/admin/pages/terms-of-sale",
        "/auth/settings/export/999999.json",
    ],
)
def test_unknown_objects_are_404(client, db, login, staff_world, url):
    login(staff_world.people["admin"])
    assert client.get(url).status_code == 404
