"""Stored search results (community/search/views.py): a page of results is
kept per reading scope and address under the search version, renewed by every
write that could change it (posts, hides, visibility, memberships, the index
itself), and never shows anyone what they may not read."""

import pytest

from community.discussions.posting import opening_post
from community.discussions.publishing import publish_thread
from community.extensions import cache
from community.extensions import db as _db
from community.search.indexing import remove_document
from tests.factories import make_community, make_membership, make_user
from tests.pagecache.test_invalidation import csrf_on, go_members_only  # noqa: F401

PUBLIC_TITLE = "Offline procurement of birth registration kits"
SECRET_TITLE = "Secret procurement plans for the tender"


def published(community, author, title: str):
    """A thread as posting it does: announced and in the search index."""
    thread = publish_thread(
        community, author, title=title, kind="question", source="How?", tags=[]
    )
    _db.session.commit()
    return thread


@pytest.fixture
def world(db):
    govstack = make_community(slug="govstack", name="GovStack")
    vault = make_community(slug="vault", name="Vault", visibility="members")
    member, insider = make_user(username="ravi"), make_user(username="ines")
    make_membership(member, govstack)
    make_membership(insider, vault)
    thread = published(govstack, member, PUBLIC_TITLE)
    published(vault, insider, SECRET_TITLE)
    return govstack, vault, member, insider, thread


def search(client, query: str = "procurement") -> str:
    response = client.get("/search", query_string={"q": query})
    assert response.status_code == 200
    return response.data.decode()


def test_a_repeated_search_sends_no_search_statement(client, db, world, count_queries):
    with count_queries() as first:
        assert PUBLIC_TITLE in search(client)
    with count_queries() as second:
        assert PUBLIC_TITLE in search(client)
    assert first.count >= 4
    assert second.count == 1, second.statements  # the version, nothing else


def test_each_address_is_kept_apart(client, db, world):
    assert PUBLIC_TITLE in search(client)
    assert "Nothing matched" in search(client, "procurement -offline")
    assert "Nothing matched" in search(client, "nonexistentword")
    response = client.get("/search", query_string={"q": "procurement", "type": "event"})
    assert PUBLIC_TITLE not in response.data.decode()
    assert PUBLIC_TITLE in search(client)


def test_a_non_member_never_gets_members_only_results(client, db, world, login, logout):
    _, _, member, insider, _ = world
    login(insider)
    assert SECRET_TITLE in search(client)
    login(member)  # a member of another community
    assert SECRET_TITLE not in search(client)
    assert PUBLIC_TITLE in search(client)
    login(make_user())  # a member of nothing
    assert SECRET_TITLE not in search(client)
    logout()
    assert SECRET_TITLE not in search(client)


def test_joining_and_leaving_change_what_you_find(client, db, world, login):
    _, vault, member, _, _ = world
    login(member)
    assert SECRET_TITLE not in search(client)
    membership = make_membership(member, vault)
    assert SECRET_TITLE in search(client)
    _db.session.delete(membership)
    _db.session.commit()
    assert SECRET_TITLE not in search(client)


def test_a_new_thread_is_found_at_once(client, db, world, login, logout):
    _, _, member, _, _ = world
    assert "Procurement of tablets" not in search(client)
    login(member)
    data = {"title": "Procurement of tablets", "kind": "discussion", "body": "How?"}
    assert client.post("/c/govstack/new", data=data).status_code == 302
    logout()
    assert "Procurement of tablets" in search(client)


def test_a_hidden_thread_leaves_the_results(client, db, world, login, logout):
    govstack, _, _, _, thread = world
    assert PUBLIC_TITLE in search(client)
    moderator = make_user()
    make_membership(moderator, govstack, role="moderator")
    login(moderator)
    hide = client.post(f"/p/{opening_post(thread).id}/hide", data={"reason": "Spam"})
    assert hide.status_code == 302
    logout()
    assert PUBLIC_TITLE not in search(client)


def test_going_members_only_hides_the_stored_results(client, db, world, login, logout):
    assert PUBLIC_TITLE in search(client)
    login(make_user(site_role="admin"))
    go_members_only(client, "GovStack")
    logout()
    assert PUBLIC_TITLE not in search(client)


def test_a_write_to_the_index_alone_renews_the_results(client, db, world):
    """A reindex, or any index write with no other change, renews them too."""
    thread = world[4]
    assert PUBLIC_TITLE in search(client)
    remove_document("thread", thread.id)
    _db.session.commit()
    assert PUBLIC_TITLE not in search(client)


def test_languages_are_stored_apart(client, db, world):
    english = search(client)
    french = client.get(
        "/search", query_string={"q": "procurement"}, headers={"Accept-Language": "fr"}
    ).data.decode()
    assert "1 result" in english
    assert "1 résultat" in french and "1 result " not in french


@pytest.mark.usefixtures("csrf_on")
def test_stored_results_hold_no_form_token(client, db, world, login):
    login(world[2])
    search(client)
    blocks = [
        cache.cache.get(key)  # the in-process backend, as tests run
        for key in list(cache.cache._cache)
        if "fragment:search" in key
    ]
    assert blocks
    assert not any("csrf_token" in str(block) for block in blocks)
