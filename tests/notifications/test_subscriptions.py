"""One watch control, one route, one module (issue 13): old URLs keep answering."""

from sqlalchemy import select

from community.notifications.models import Subscription
from tests.factories import make_community, make_membership, make_thread, make_user


def rows(db, user):
    db.session.expire_all()
    query = select(Subscription).where(Subscription.user_id == user.id)
    return [(s.target_type, s.muted) for s in db.session.scalars(query)]


def test_the_community_page_shows_one_watch_control(client, db, login):
    community = make_community(slug="room")
    member = login(make_user())
    make_membership(member, community)
    page = client.get("/c/room").data.decode()
    assert page.count('class="watch-box"') == 1
    assert page.count(">Mute</button>") == 1
    assert page.count('action="/c/room/watch"') == 2  # watch and mute, one route


def test_the_one_route_takes_the_button_choice(client, db, login):
    make_community(slug="room")
    user = login(make_user())
    assert client.post("/c/room/watch", data={"choice": "mute"}).status_code == 302
    assert rows(db, user) == [("community", True)]
    assert client.post("/c/room/watch", data={"choice": "watch"}).status_code == 302
    assert rows(db, user) == [("community", False)]
    assert client.post("/c/room/watch", data={"choice": "stop"}).status_code == 302
    assert rows(db, user) == []
    assert client.post("/c/room/watch", data={"choice": "bogus"}).status_code == 400


def test_older_urls_answer_as_before(client, db, login):
    community = make_community(slug="room")
    user = login(make_user())
    thread = make_thread(community, user)
    assert client.post("/c/room/watch/mute").status_code == 302
    assert rows(db, user) == [("community", True)]
    assert client.post("/c/room/unwatch").status_code == 302
    assert rows(db, user) == []
    assert client.post(f"/t/{thread.id}/watch/mute").status_code == 302
    assert rows(db, user) == [("thread", True)]
    assert (
        client.post(f"/t/{thread.id}/watch", data={"choice": "stop"}).status_code == 302
    )
    assert rows(db, user) == []
    assert client.get("/c/room/watch").status_code == 405


def test_no_feature_queries_subscriptions_itself():
    """Only notifications/subscriptions.py (and its model) touch Subscription rows."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "community"
    allowed = {"notifications/subscriptions.py", "notifications/models.py", "models.py"}
    users = {
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if "Subscription" in path.read_text()
    }
    assert users - allowed == set()
