"""People in every role the admin area tells apart, and people to act on."""

from types import SimpleNamespace

import pytest

from community.timezones import utcnow
from tests.factories import make_community, make_membership, make_user


def with_two_factor(**values):
    return make_user(
        two_factor_enabled_at=utcnow(), totp_secret="JBSWY3DPEHPK3PXP", **values
    )


@pytest.fixture
def staff_world(db):
    community = make_community(slug="govstack")
    private = make_community(slug="peers", visibility="members")
    moderator = make_user(username="modo")
    make_membership(moderator, community, role="moderator")
    member = make_user(username="plainmember")
    make_membership(member, community)
    return SimpleNamespace(
        community=community,
        private=private,
        people={
            "visitor": None,
            "member": member,
            "moderator": moderator,
            "site_moderator": make_user(username="sitemod", site_role="moderator"),
            "admin": make_user(username="boss", site_role="admin"),
            "admin_no_2fa": make_user(username="boss2", site_role="admin"),
            "admin_2fa": with_two_factor(username="boss3", site_role="admin"),
        },
        target=make_user(
            username="target", email_confirmed_at=None, organisation="Ministry of ICT"
        ),
        suspended=make_user(
            username="benched", suspended_at=utcnow(), suspended_reason="Adverts"
        ),
    )
