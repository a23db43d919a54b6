"""Site admins create, edit, archive and unarchive communities."""

import pytest
from sqlalchemy import select

from community.audit import AuditLog
from community.communities import admin
from community.communities.models import Community, Membership
from community.notifications.models import Subscription
from tests.factories import make_community, make_membership, make_user

NEW = {
    "name": "Health information exchange",
    "slug": "health-hie",
    "purpose": "Sharing records between clinics safely",
    "description": "For **implementers** of HIEs.",
    "visibility": "public",
    "join_policy": "approval",
}


def community_by_slug(db, slug):
    db.session.expire_all()
    return db.session.scalar(select(Community).where(Community.slug == slug))


def test_an_admin_creates_a_community_with_a_first_moderator(client, db, login):
    admin_user = login(make_user(site_role="admin"))
    make_user(username="jonas")
    response = client.post("/c/new", data={**NEW, "first_moderator": "Jonas"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/c/health-hie"
    community = community_by_slug(db, "health-hie")
    assert (community.name, community.join_policy) == (NEW["name"], "approval")
    assert community.description_source == NEW["description"]
    assert community.description_html  # rendered once, on save
    [row] = db.session.scalars(select(Membership)).all()
    assert (row.role, row.status) == ("moderator", "active")
    assert community.member_count == 1
    entry = db.session.scalar(select(AuditLog))
    assert (entry.action, entry.actor_id) == ("community.created", admin_user.id)
    page = client.get("/c/health-hie")
    assert b"Sharing records" in page.data and b"Edit community" in page.data


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("Health HIE", b"Use lowercase letters, digits and single hyphens"),
        ("health--hie", b"Use lowercase letters, digits and single hyphens"),
        ("-health", b"Use lowercase letters, digits and single hyphens"),
        ("h\xe9alth", b"Use lowercase letters, digits and single hyphens"),
        ("new", b"is reserved for the site"),
        ("members", b"is reserved for the site"),
        ("taken", b"Another community already uses"),
        ("", b"Please fill this in"),
        ("x" * 61, b"Keep this to 60 characters or fewer"),
    ],
)
def test_bad_slugs_are_refused_with_the_text_kept(client, db, login, slug, message):
    make_community(slug="taken")
    login(make_user(site_role="admin"))
    response = client.post("/c/new", data={**NEW, "slug": slug})
    assert response.status_code == 400
    assert message in response.data
    assert b"Sharing records between clinics safely" in response.data
    assert (
        db.session.scalar(select(Community).where(Community.name == NEW["name"]))
        is None
    )


def test_other_bad_input(client, db, login):
    login(make_user(site_role="admin"))
    response = client.post(
        "/c/new",
        data={**NEW, "name": "", "visibility": "secret", "first_moderator": "ghost"},
    )
    assert response.status_code == 400
    assert b"Please fill this in" in response.data
    assert b"Choose one of the options offered" in response.data
    assert b"Nobody has the username" in response.data


def test_a_slug_taken_meanwhile_is_refused_not_a_500(client, db, login, monkeypatch):
    make_community(slug="health-hie")
    login(make_user(site_role="admin"))
    # The form's check ran before the other admin's community was saved.
    monkeypatch.setattr(admin, "slug_problem", lambda slug: None)
    monkeypatch.setattr("community.communities.forms.slug_problem", lambda slug: None)
    response = client.post("/c/new", data=NEW)
    assert response.status_code == 400
    assert b"Another community already uses" in response.data
    assert b"Sharing records" in response.data


def test_editing_keeps_the_slug_and_renders_the_description(client, db, login):
    community = make_community(slug="govstack", name="GovStack")
    login(make_user(site_role="admin"))
    form = client.get("/c/govstack/edit")
    assert form.status_code == 200 and b"/c/govstack" in form.data
    data = {**NEW, "slug": "renamed", "description": "New **text**"}
    response = client.post("/c/govstack/edit", data=data)
    assert response.status_code == 302
    edited = community_by_slug(db, "govstack")
    assert edited.name == NEW["name"] and edited.id == community.id
    assert edited.description_source == "New **text**"
    assert "New" in edited.description_html
    assert community_by_slug(db, "renamed") is None
    entry = db.session.scalar(
        select(AuditLog).where(AuditLog.action == "community.edited")
    )
    assert "name" in entry.detail and "description" in entry.detail


def test_an_invalid_edit_keeps_the_text(client, db, login):
    make_community(slug="govstack")
    login(make_user(site_role="admin"))
    response = client.post(
        "/c/govstack/edit", data={**NEW, "purpose": "", "description": "Draft kept"}
    )
    assert response.status_code == 400
    assert b"Please fill this in" in response.data and b"Draft kept" in response.data


def test_going_members_only_drops_outside_watchers(client, db, login):
    community = make_community(slug="govstack")
    member, outsider = make_user(), make_user()
    make_membership(member, community)
    for person in (member, outsider):
        db.session.add(
            Subscription(
                user_id=person.id, target_type="community", target_id=community.id
            )
        )
    db.session.commit()
    login(make_user(site_role="admin"))
    client.post("/c/govstack/edit", data={**NEW, "visibility": "members"})
    db.session.expire_all()
    watchers = db.session.scalars(select(Subscription.user_id)).all()
    assert watchers == [member.id]


def test_archiving_and_unarchiving(client, db, login):
    community = make_community(slug="old-room")
    member = make_user()
    make_membership(member, community)
    login(make_user(site_role="admin"))
    response = client.post("/c/old-room/archive", follow_redirects=True)
    assert b"archived" in response.data and b"Unarchive" in response.data
    assert community_by_slug(db, "old-room").is_archived
    again = client.post("/c/old-room/archive")
    assert again.status_code == 400 and b"already archived" in again.data
    login(member)
    page = client.get("/c/old-room")
    assert b"read-only" in page.data and b"Leave " not in page.data
    login(make_user(site_role="admin"))
    client.post("/c/old-room/unarchive")
    assert not community_by_slug(db, "old-room").is_archived
    actions = db.session.scalars(select(AuditLog.action)).all()
    assert actions == ["community.archived", "community.unarchived"]


@pytest.mark.parametrize("site_role", ["member", "moderator"])
def test_only_site_admins_manage_communities(client, db, login, site_role):
    community = make_community(slug="govstack", name="GovStack")
    user = login(make_user(site_role=site_role))
    make_membership(user, community, role="moderator")
    assert client.get("/c/new").status_code == 403
    assert client.post("/c/new", data=NEW).status_code == 403
    assert client.post("/c/govstack/edit", data=NEW).status_code == 403
    assert client.post("/c/govstack/archive").status_code == 403
    assert community_by_slug(db, "govstack").name == "GovStack"
    assert not community_by_slug(db, "govstack").is_archived
    assert community_by_slug(db, "health-hie") is None
    assert b"New community" not in client.get("/c/").data


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get("/c/new")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
