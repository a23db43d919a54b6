"""A public community with established members and a brand-new account."""

from datetime import timedelta
from types import SimpleNamespace

import pytest

from community.timezones import utcnow
from tests.factories import make_community, make_membership, make_thread, make_user


@pytest.fixture
def hold_first_posts(app):
    app.config["TRUST_HOLD_FIRST_POSTS"] = 2
    yield 2
    app.config["TRUST_HOLD_FIRST_POSTS"] = 0


@pytest.fixture
def town(db):
    community = make_community(slug="govstack")
    old = utcnow() - timedelta(days=400)
    newcomer = make_user(username="newbie")
    members = [
        make_user(username=f"regular{n}", created_at=old, trust_level=2)
        for n in range(4)
    ]
    moderator = make_user(username="jonas", created_at=old, trust_level=2)
    outsider = make_user(username="tomas", created_at=old, trust_level=2)
    for person in [newcomer, *members]:
        make_membership(person, community)
    make_membership(moderator, community, role="moderator")
    thread = make_thread(community, members[0], title="How do you register births?")
    return SimpleNamespace(
        community=community,
        newcomer=newcomer,
        members=members,
        moderator=moderator,
        outsider=outsider,
        thread=thread,
    )
