"""Per-community versions (pagecache/versions.py): a write renews its own
community's pages and the site-wide lists, and leaves other communities'
cached pages alone; anything that is not one community's renews every page."""

import pytest

from community.extensions import db as _db
from tests import factories
from tests.organisations.factories import make_organisation
from tests.pagecache.test_invalidation import cached, go_members_only, visit


@pytest.fixture
def two(db):
    """Two communities with a thread each, and a member of both."""
    member, moderator = (
        factories.make_user(username="ravi"),
        factories.make_user(username="jonas"),
    )
    places = []
    for slug in ("govstack", "mosip"):
        community = factories.make_community(slug=slug, name=slug.title())
        factories.make_membership(member, community)
        factories.make_membership(moderator, community, role="moderator")
        places.append(
            (community, factories.make_thread(community, member, title=f"On {slug}"))
        )
    return member, moderator, places


def pages_of(place) -> list[str]:
    community, thread = place
    return [f"/c/{community.slug}", f"/t/{thread.id}"]


def store(client, logout, paths) -> None:
    for path in paths:
        cached(client, logout, path)


def states(client, logout, paths) -> dict[str, str]:
    return {path: visit(client, logout, path)[0] for path in paths}


def test_a_reply_leaves_other_communities_pages_cached(client, db, two, login, logout):
    member, _, (here, there) = two
    store(client, logout, ["/", "/c/", *pages_of(here), *pages_of(there)])
    login(member)
    response = client.post(f"/t/{here[1].id}/reply", data={"body": "Our answer"})
    assert response.status_code == 302
    assert set(states(client, logout, ["/", "/c/", *pages_of(here)]).values()) == {
        "miss"
    }
    assert set(states(client, logout, pages_of(there)).values()) == {"hit"}
    assert "Our answer" in visit(client, logout, f"/t/{here[1].id}")[1]


def test_edits_and_hides_renew_only_their_community(client, db, two, login, logout):
    member, moderator, (here, there) = two
    post = factories.make_reply(here[1], member, "First wording")
    store(client, logout, [*pages_of(here), *pages_of(there)])
    login(member)
    data = {"body": "Second wording", "version": 1}
    assert client.post(f"/p/{post.id}/edit", data=data).status_code == 302
    assert states(client, logout, pages_of(here)) == dict.fromkeys(
        pages_of(here), "miss"
    )
    assert states(client, logout, pages_of(there)) == dict.fromkeys(
        pages_of(there), "hit"
    )
    login(moderator)
    response = client.post(f"/p/{post.id}/hide", data={"reason": "Spam"})
    assert response.status_code == 302
    state, text = visit(client, logout, f"/t/{here[1].id}")
    assert state == "miss" and "Second wording" not in text
    assert visit(client, logout, f"/t/{there[1].id}")[0] == "hit"


def test_a_moved_thread_renews_both_communities(client, db, two, logout):
    """No route moves a thread yet; the service-level write is what counts."""
    _, _, (here, there) = two
    thread = here[1]
    store(client, logout, [*pages_of(here), *pages_of(there)])
    thread.community_id = there[0].id
    _db.session.commit()
    state, text = visit(client, logout, "/c/govstack")
    assert state == "miss" and "On govstack" not in text
    state, text = visit(client, logout, "/c/mosip")
    assert state == "miss" and "On govstack" in text
    assert visit(client, logout, f"/t/{thread.id}")[0] == "miss"


def test_membership_changes_renew_only_their_community(client, db, two, login, logout):
    _, _, (here, there) = two
    joiner = factories.make_user()  # a new account renews every page: made first
    store(client, logout, ["/c/", *pages_of(here), *pages_of(there)])
    login(joiner)
    assert client.post("/c/govstack/join").status_code == 302
    assert "3 members" in visit(client, logout, "/c/govstack")[1]
    assert visit(client, logout, "/c/")[0] == "miss"
    assert set(states(client, logout, pages_of(there)).values()) == {"hit"}


def test_an_event_renews_its_community_and_the_lists(client, db, two, logout):
    member, _, (here, there) = two
    store(client, logout, ["/", *pages_of(here), *pages_of(there)])
    factories.make_event(community=here[0], organiser=member, title="Launch call")
    assert visit(client, logout, "/")[0] == "miss"
    assert visit(client, logout, "/c/govstack")[0] == "miss"
    assert set(states(client, logout, pages_of(there)).values()) == {"hit"}


@pytest.mark.parametrize("kind", ["lesson", "dpg", "organisation", "person"])
def test_writes_of_no_one_community_renew_every_page(client, db, two, logout, kind):
    member, _, (here, there) = two
    paths = ["/", "/c/", *pages_of(here), *pages_of(there)]
    store(client, logout, paths)
    if kind == "lesson":
        factories.make_lesson(member, title="Registering births offline")
    elif kind == "dpg":
        factories.make_dpg(name="Open Registry")
    elif kind == "organisation":
        make_organisation(name="Ministry of Health")
    else:  # a display name shows beside every post of theirs
        member.display_name = "Ravi K."
        _db.session.commit()
    assert set(states(client, logout, paths).values()) == {"miss"}
    if kind == "person":
        assert "Ravi K." in visit(client, logout, f"/t/{there[1].id}")[1]


def test_going_members_only_renews_its_pages_and_hides_them(
    client, db, two, login, logout
):
    _, _, (here, there) = two
    admin = factories.make_user(site_role="admin")
    store(client, logout, ["/", *pages_of(here), *pages_of(there)])
    login(admin)
    go_members_only(client, "Govstack")
    for path in ["/", *pages_of(here)]:
        state, text = visit(client, logout, path)
        assert state != "hit" and "On govstack" not in text, path
        assert "On govstack" not in visit(client, logout, path)[1]
    assert set(states(client, logout, pages_of(there)).values()) == {"hit"}


def test_members_only_pages_never_reach_the_cache(client, db, login, logout):
    private = factories.make_community(slug="digital-id", visibility="members")
    member = factories.make_user()
    factories.make_membership(member, private)
    secret = factories.make_thread(
        private, member, title="Our confidential rollout plan"
    )
    factories.make_reply(secret, member, "The rollout starts in March")
    login(member)
    for path in ["/c/digital-id", f"/t/{secret.id}"]:
        assert "confidential" in client.get(path).data.decode()
    login(factories.make_user())
    assert client.post("/c/digital-id/join", data={"message": "hi"}).status_code in (
        302,
        400,
    )
    for path in ["/", "/c/digital-id", f"/t/{secret.id}"]:
        for _ in range(2):
            state, text = visit(client, logout, path)
            assert "confidential" not in text and "March" not in text, path
            assert state != "hit" or path == "/", path


def test_every_table_has_a_cache_scope_or_is_private(app):
    """A new table is classified on purpose: private (never on a cached page),
    scoped to one community, or (the default) renewing the whole site. Tables
    that renew the whole site on every write are listed here, so a busy table
    added by a feature does not empty every cached page by accident."""
    from community.extensions import db
    from community.pagecache.versions import PRIVATE_TABLES, SCOPE_COLUMNS

    site_wide = set(db.metadata.tables) - PRIVATE_TABLES - set(SCOPE_COLUMNS)
    busy = {"search_terms", "search_documents", "thread_reads", "notifications"}
    assert not site_wide & busy, site_wide & busy
