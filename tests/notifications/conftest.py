from types import SimpleNamespace

import pytest

from community.notifications.mailin import make_server
from tests.conftest import free_port
from tests.factories import make_community, make_membership, make_thread, make_user


@pytest.fixture
def talk(db):
    """A community, an asker who wants mail at once, a thread, and a replier."""
    community = make_community(slug="govstack", name="GovStack")
    asker = make_user(username="amina", email_frequency="immediately")
    replier = make_user(username="ravi", display_name="Ravi Kumar")
    for person in (asker, replier):
        make_membership(person, community)
    thread = make_thread(community, asker, title="Offline birth registration")
    from community.notifications import subscriptions

    subscriptions.auto_watch(asker, "thread", thread.id)
    db.session.commit()
    return SimpleNamespace(
        community=community, asker=asker, replier=replier, thread=thread
    )


@pytest.fixture
def inbound(app):
    """`flask mail-in`'s SMTP server on 127.0.0.1, on a free port."""
    server = make_server(app, "127.0.0.1", free_port())
    server.start()
    yield server
    server.stop()
