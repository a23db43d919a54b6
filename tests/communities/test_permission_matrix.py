"""Every kind of person × every community action, through HTTP.

Outcomes: "ok" (done; the effect is checked), "already" (harmless repeat:
redirect, nothing changes), "login" (sent to log in), or an HTTP status.
A suspended account is logged out by its next request, so it meets "login".
"""

import pytest
from flask_login import AnonymousUserMixin
from sqlalchemy import select

from community.communities.models import Membership
from community.communities.permissions import can_post, cannot_post_reason
from community.timezones import utcnow
from tests.factories import make_community, make_membership, make_user

ROLES = [
    "anonymous",
    "non_member",
    "pending",
    "member",
    "organiser",
    "moderator",
    "banned",
    "suspended",
    "site_moderator",
    "site_admin",
]

# action: outcome per role, in ROLES order.
MATRIX = {
    "view_public": ["200"] * 10,
    "view_members_only": [
        "403", "403", "403", "200", "200", "200", "403", "403", "403", "200",
    ],
    "join": [
        "login", "ok", "already", "already", "already", "already", "403", "login",
        "ok", "ok",
    ],
    "ask_to_join_members_only": [
        "login", "ok", "already", "already", "already", "already", "403", "login",
        "ok", "ok",
    ],
    "leave": [
        "login", "400", "ok", "ok", "ok", "ok", "400", "login", "400", "400",
    ],
    "confirm_leave": [
        "login", "already", "200", "200", "200", "200", "already", "login",
        "already", "already",
    ],
    "moderate": [
        "login", "403", "403", "403", "403", "200", "403", "login", "200", "200",
    ],
    "manage_roles": [
        "login", "403", "403", "403", "403", "ok", "403", "login", "ok", "ok",
    ],
    "edit_community": [
        "login", "403", "403", "403", "403", "403", "403", "login", "403", "200",
    ],
}  # fmt: skip

CAN_POST = [False, False, False, True, True, True, False, False, False, True]
# What someone who may not post is told (the start of it).
POST_REASONS = ["Log in", "Join ", "Your request to join is waiting", "", "", "",
                "The moderators of", "Log in", "Join ", ""]  # fmt: skip


@pytest.fixture
def world(db):
    public = make_community(slug="pub", visibility="public", join_policy="open")
    private = make_community(slug="priv", visibility="members", join_policy="approval")
    people = {"anonymous": None, "non_member": make_user()}
    memberships = {
        "pending": {"status": "pending"},
        "member": {},
        "organiser": {"role": "organiser"},
        "moderator": {"role": "moderator"},
        "banned": {"status": "banned"},
        "suspended": {},
    }
    for role, values in memberships.items():
        extra = {"suspended_at": utcnow()} if role == "suspended" else {}
        person = people[role] = make_user(**extra)
        for community in (public, private):
            make_membership(person, community, **values)
    people["site_moderator"] = make_user(site_role="moderator")
    people["site_admin"] = make_user(site_role="admin")
    # A second moderator, so the moderator may leave; a member whose role changes.
    for community in (public, private):
        make_membership(make_user(), community, role="moderator")
    target = make_user()
    make_membership(target, public)
    return {"public": public, "private": private, "people": people, "target": target}


def status_of(db, user, community):
    db.session.expire_all()
    return db.session.scalar(
        select(Membership.status).where(
            Membership.user_id == user.id, Membership.community_id == community.id
        )
    )


def perform(client, world, action):
    target = world["target"]
    requests = {
        "view_public": ("get", "/c/pub", None),
        "view_members_only": ("get", "/c/priv", None),
        "join": ("post", "/c/pub/join", {}),
        "ask_to_join_members_only": ("post", "/c/priv/join", {"message": "Hello"}),
        "leave": ("post", "/c/pub/leave", {}),
        "confirm_leave": ("get", "/c/pub/leave", None),
        "moderate": ("get", "/c/pub/requests", None),
        "manage_roles": (
            "post",
            f"/c/pub/members/{target.id}/role",
            {"role": "organiser"},
        ),
        "edit_community": ("get", "/c/pub/edit", None),
    }
    method, url, data = requests[action]
    return getattr(client, method)(url, data=data)


def check_effect(db, world, action, role, before):
    user = world["people"][role]
    if action == "join":
        assert status_of(db, user, world["public"]) == "active"
    elif action == "ask_to_join_members_only":
        assert status_of(db, user, world["private"]) == "pending"
    elif action == "leave":
        assert status_of(db, user, world["public"]) is None
    elif action == "manage_roles":
        db.session.expire_all()
        row = db.session.scalar(
            select(Membership).where(Membership.user_id == world["target"].id)
        )
        assert row.role == "organiser"
    else:
        raise AssertionError(f"no effect check for {action}")


CASES = [
    (action, role, outcomes[index])
    for action, outcomes in MATRIX.items()
    for index, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("action", "role", "expected"), CASES)
def test_permission_matrix(client, db, login, world, action, role, expected):
    user = world["people"][role]
    if user is not None:
        login(user)
    community = world["private" if "members_only" in action else "public"]
    before = status_of(db, user, community) if user is not None else None
    response = perform(client, world, action)
    if expected == "login":
        assert response.status_code == 302
        assert "/auth/login" in response.headers["Location"]
    elif expected in ("ok", "already"):
        assert response.status_code == 302, response.data[:2000]
        assert "/auth/login" not in response.headers["Location"]
        if expected == "ok":
            check_effect(db, world, action, role, before)
        else:
            assert status_of(db, user, community) == before
    else:
        assert response.status_code == int(expected), response.data[:2000]
    if expected in ("403", "400", "login") and user is not None:
        assert status_of(db, user, community) == before  # nothing changed


@pytest.mark.parametrize(("role", "expected"), list(zip(ROLES, CAN_POST, strict=True)))
def test_can_post_predicate(db, world, role, expected):
    user = world["people"][role] or AnonymousUserMixin()
    assert can_post(user, world["public"]) is expected
    assert can_post(user, world["private"]) is expected
    reason = POST_REASONS[ROLES.index(role)]
    assert cannot_post_reason(user, world["public"]).startswith(reason)
    assert bool(cannot_post_reason(user, world["public"])) is not expected


def test_nobody_posts_in_an_archived_community(db, world):
    world["public"].archived_at = utcnow()
    db.session.commit()
    for user in world["people"].values():
        assert not can_post(user or AnonymousUserMixin(), world["public"])


def test_unconfirmed_members_are_told_to_confirm(app, db, world):
    user = make_user(email_confirmed_at=None)
    make_membership(user, world["public"])
    assert not can_post(user, world["public"])
    assert cannot_post_reason(user, world["public"]).startswith("Confirm your e-mail")
    world["public"].archived_at = utcnow()
    db.session.commit()
    assert "archived" in cannot_post_reason(world["people"]["member"], world["public"])
