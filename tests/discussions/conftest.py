"""A public community with a member, a moderator and a thread, for most tests."""

from types import SimpleNamespace

import pytest

from tests.factories import make_community, make_membership, make_thread, make_user


@pytest.fixture
def forum(db):
    community = make_community(slug="govstack")
    asker = make_user(username="amina")
    member = make_user(username="ravi")
    moderator = make_user(username="jonas")
    outsider = make_user(username="tomas")
    make_membership(asker, community)
    make_membership(member, community)
    make_membership(moderator, community, role="moderator")
    thread = make_thread(
        community, asker, title="How do you register births offline?", tags=["crvs"]
    )
    return SimpleNamespace(
        community=community,
        asker=asker,
        member=member,
        moderator=moderator,
        outsider=outsider,
        thread=thread,
    )


@pytest.fixture
def people(forum):
    """The forum's people by role, and a site moderator: for permission matrices."""
    from tests.factories import make_user

    return {
        "outsider": forum.outsider,
        "member": forum.member,
        "asker": forum.asker,
        "moderator": forum.moderator,
        "site_moderator": make_user(site_role="moderator"),
    }
