"""The list of communities, one community's page, its hooks, and watching."""

import pytest
from jinja2 import ChoiceLoader, DictLoader
from sqlalchemy import select

from community import sections
from community.notifications.models import Subscription
from community.timezones import utcnow
from tests.factories import make_community, make_membership, make_user


@pytest.fixture
def hooks(app):
    """Plug a list stat and a page section in, as discussions and events will."""
    seen = {}

    def stats(communities):
        seen["stats"] = [community.slug for community in communities]
        return {
            community.id: {"Active threads": 4, "Next event": "Forum on 3 Dec"}
            for community in communities
        }

    def section(viewer, community):
        return {"planted": f"Threads of {community.name}"}

    loader = app.jinja_loader
    app.jinja_env.loader = ChoiceLoader(
        [DictLoader({"test/_section.html": "<p>{{ planted }}</p>"}), loader]
    )
    app.jinja_env.cache.clear()
    sections.LIST_STATS.append(stats)
    sections.PAGE_SECTIONS.append(("test/_section.html", section))
    yield seen
    sections.LIST_STATS.remove(stats)
    sections.PAGE_SECTIONS.remove(("test/_section.html", section))
    app.jinja_env.loader = loader
    app.jinja_env.cache.clear()


def test_the_list_shows_counts_and_stats_from_other_features(client, db, hooks):
    community = make_community(name="GovStack", purpose="Building blocks")
    for _ in range(3):
        make_membership(make_user(), community)
    page = client.get("/c/")
    assert page.status_code == 200
    for text in (b"GovStack", b"Building blocks", b"3 members"):
        assert text in page.data
    assert b"Active threads: 4" in page.data
    assert b"Next event: Forum on 3 Dec" in page.data


def test_members_only_communities_show_name_and_purpose_only(client, db, login, hooks):
    secret = make_community(
        name="Peers", purpose="For civil servants", visibility="members"
    )
    member = make_user()
    make_membership(member, secret)
    page = client.get("/c/")
    assert b"Peers" in page.data and b"For civil servants" in page.data
    assert b"Members only" in page.data
    assert b"1 member" not in page.data and b"Active threads" not in page.data
    assert hooks["stats"] == []  # providers are never asked about it
    login(member)
    page = client.get("/c/")
    assert b"1 member" in page.data and b"Active threads: 4" in page.data


def test_archived_communities_are_listed_apart(client, db):
    make_community(name="Living room")
    make_community(name="Old room", archived_at=utcnow())
    page = client.get("/c/").data
    assert b"Archived communities" in page
    assert page.index(b"Living room") < page.index(b"Archived communities")
    assert page.index(b"Archived communities") < page.index(b"Old room")


def test_the_list_runs_a_constant_number_of_queries(client, db, login, count_queries):
    user = login(make_user())
    make_membership(user, make_community(visibility="members"))
    with count_queries() as few:
        client.get("/c/")
    for _ in range(10):
        make_membership(user, make_community(visibility="members"))
        make_community()
    with count_queries() as many:
        client.get("/c/")
    assert many.count == few.count


def test_the_community_page(client, db, hooks):
    community = make_community(
        name="GovStack",
        description_source="x",
        description_html="<p>Specs <em>and</em> more</p>",
    )
    moderator = make_user(display_name="Jonas Weber", organisation="GovStack")
    organiser = make_user(display_name="Amina Njoroge")
    make_membership(moderator, community, role="moderator")
    make_membership(organiser, community, role="organiser")
    make_membership(make_user(display_name="Plain Member"), community)
    page = client.get(f"/c/{community.slug}")
    assert page.status_code == 200
    assert b"<p>Specs <em>and</em> more</p>" in page.data
    assert b"Jonas Weber</a>, GovStack" in page.data and b"Amina Njoroge" in page.data
    assert b"Plain Member" not in page.data
    assert b"3 members" in page.data
    assert b"<p>Threads of GovStack</p>" in page.data


def test_sections_are_not_shown_to_outsiders_of_a_members_only_community(
    client, db, hooks
):
    community = make_community(visibility="members", name="Peers")
    page = client.get(f"/c/{community.slug}")
    assert page.status_code == 403
    assert b"Threads of Peers" not in page.data


def test_an_unknown_community_is_404(client, db):
    assert client.get("/c/no-such-room").status_code == 404


def watches(db, user):
    db.session.expire_all()
    return db.session.scalars(
        select(Subscription).where(Subscription.user_id == user.id)
    ).all()


def test_watching_and_unwatching(client, db, login):
    community = make_community()
    user = login(make_user())
    assert b"Watch this community" in client.get(f"/c/{community.slug}").data
    client.post(f"/c/{community.slug}/watch")
    client.post(f"/c/{community.slug}/watch")  # a second click changes nothing
    [watch] = watches(db, user)
    assert (watch.target_type, watch.target_id, watch.muted) == (
        "community",
        community.id,
        False,
    )
    assert b"Stop watching" in client.get(f"/c/{community.slug}").data
    client.post(f"/c/{community.slug}/unwatch")
    assert watches(db, user) == []


def test_outsiders_cannot_watch_a_members_only_community(client, db, login):
    community = make_community(visibility="members")
    user = login(make_user())
    response = client.post(f"/c/{community.slug}/watch")
    assert response.status_code == 403
    assert watches(db, user) == []
    assert client.post(f"/c/{community.slug}/watch").status_code == 403


def test_leaving_a_members_only_community_stops_the_watch(client, db, login):
    community = make_community(visibility="members")
    user = login(make_user())
    make_membership(user, community)
    client.post(f"/c/{community.slug}/watch")
    assert len(watches(db, user)) == 1
    client.post(f"/c/{community.slug}/leave")
    assert watches(db, user) == []


def test_visitors_do_not_see_the_watch_button(client, db):
    community = make_community()
    assert b"Watch this community" not in client.get(f"/c/{community.slug}").data
    assert client.post(f"/c/{community.slug}/watch").status_code == 302


def test_profiles_list_communities_without_revealing_members_only_ones(
    client, db, login
):
    person = make_user(username="amina")
    open_room = make_community(name="GovStack")
    closed_room = make_community(name="Peer group", visibility="members")
    make_membership(person, open_room, role="organiser")
    make_membership(person, closed_room)
    page = client.get("/u/amina")
    assert b"GovStack" in page.data and b"Organiser" in page.data
    assert b"Peer group" not in page.data
    fellow = make_user()
    make_membership(fellow, closed_room)
    login(fellow)
    assert b"Peer group" in client.get("/u/amina").data
