"""Control, bidi-override and invisible characters leave names and titles;
reserved usernames cannot be registered."""

import pytest
from sqlalchemy import select

from community.auth.models import User
from community.communities.models import Community
from community.discussions.models import Thread
from community.plain_text import clean_line
from tests.factories import make_community, make_membership, make_user

RLO = "\u202e"  # right-to-left override: "txt.exe" shows as "exe.txt"


@pytest.mark.parametrize(
    "typed, kept",
    [
        (f"Amina{RLO}gpj.exe", "Aminagpj.exe"),
        ("Ami\u2066na\u2069", "Amina"),
        ("Ami\u200bna", "Amina"),
        ("Ami\x00na\x07\x1b[31m", "Amina[31m"),
        ("Amina\tKamau\n\r", "Amina Kamau"),
        ("Amina\u2028Kamau", "Amina Kamau"),
        ("  Amina   Kamau ", "Amina Kamau"),
        ("Ame\u0301lie", "Amélie"),  # NFC: one character, as if typed precomposed
        (
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
            "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        ),
        ("\U0001f469\u200d\U0001f4bb dev", "\U0001f469\u200d\U0001f4bb dev"),
        ("\x85next\x9b", "next"),
    ],
)
def test_clean_line(typed, kept):
    assert clean_line(typed) == kept


def test_display_name_in_settings_is_cleaned(client, db, login):
    user = login(make_user())
    response = client.post(
        "/auth/settings",
        data={
            "display_name": f"Admin{RLO} (staff)",
            "organisation": f"Min{RLO}istry",
            "timezone": "UTC",
            "kind": "other",
            "email_frequency": "never",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert user.display_name == "Admin (staff)"
    assert user.organisation == "Ministry"


def test_a_name_of_only_invisible_characters_is_refused(client, db, login):
    login(make_user())
    response = client.post(
        "/auth/settings",
        data={
            "display_name": f"{RLO}\u200b\u2066",
            "timezone": "UTC",
            "kind": "other",
            "email_frequency": "never",
        },
    )
    assert response.status_code == 400
    assert b"Please fill this in" in response.data


def test_thread_title_is_cleaned(client, db, login):
    community = make_community(slug="govstack")
    member = make_user()
    make_membership(member, community)
    login(member)
    response = client.post(
        "/c/govstack/new",
        data={
            "title": f"Offline\u202a registration{RLO} in clinics\x1b",
            "kind": "discussion",
            "body": "How do you sync?",
        },
    )
    assert response.status_code == 302
    thread = db.session.scalar(select(Thread))
    assert thread.title == "Offline registration in clinics"


def test_community_name_is_cleaned(client, db, login):
    login(make_user(site_role="admin"))
    response = client.post(
        "/c/new",
        data={
            "name": f"Health{RLO} exchange\u200b",
            "slug": "health-hie",
            "purpose": "Sharing records",
            "visibility": "public",
            "join_policy": "open",
        },
    )
    assert response.status_code == 302
    community = db.session.scalar(
        select(Community).where(Community.slug == "health-hie")
    )
    assert community.name == "Health exchange"


def registration(username: str) -> dict:
    return {
        "email": f"x{abs(hash(username))}@example.org",
        "username": username,
        "display_name": "Someone",
        "password": "a long enough passphrase",
    }


@pytest.mark.parametrize(
    "username",
    [
        "system",
        "moderator",
        "support",
        "staff",
        "api",
        "admin",
        "root",
        "Admin",
        "ad-min",
        "ADMIN_",
        "support2",
        "no-reply",
        "postmaster",
        "deleted-member",
    ],
)
def test_reserved_usernames_are_refused(client, db, username):
    response = client.post("/auth/register", data=registration(username))
    assert response.status_code == 400
    assert b"reserved" in response.data


@pytest.mark.parametrize("username", ["amina", "rootsy", "apiary", "staffan"])
def test_ordinary_usernames_are_not_reserved(client, db, mailbox, username):
    response = client.post("/auth/register", data=registration(username))
    assert response.status_code == 302
