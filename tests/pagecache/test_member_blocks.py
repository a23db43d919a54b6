"""Members' shared blocks (community/pagecache/member_blocks.py): the home page's
and a community page's blocks are rendered once per reading scope and content
version, renewed by every write that changes them, and never show a
non-member what only members may read."""

import pytest

from community.extensions import cache
from tests.factories import (
    make_community,
    make_event,
    make_lesson,
    make_membership,
    make_reply,
    make_thread,
    make_user,
)
from tests.pagecache.test_invalidation import csrf_on, go_members_only  # noqa: F401


@pytest.fixture
def world(db):
    govstack = make_community(slug="govstack", name="GovStack")
    vault = make_community(slug="vault", name="Vault", visibility="members")
    member, insider = make_user(username="ravi"), make_user(username="ines")
    make_membership(member, govstack)
    make_membership(insider, govstack)
    make_membership(insider, vault)
    thread = make_thread(govstack, member, title="Offline birth registration")
    make_thread(vault, insider, title="Secret procurement plans")
    return govstack, vault, member, insider, thread


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.data.decode()


def stored(client, count_queries, path: str) -> str:
    """The page once its shared blocks are stored (a second visit sends fewer
    statements than the first)."""
    with count_queries() as first:
        page(client, path)
    with count_queries() as second:
        text = page(client, path)
    assert second.count < first.count, path
    return text


def test_members_pages_reuse_their_shared_blocks(
    client, db, world, login, count_queries
):
    login(world[2])
    assert "Offline birth registration" in stored(client, count_queries, "/")
    assert "Offline birth registration" in stored(client, count_queries, "/c/govstack")


def test_a_non_member_never_gets_a_members_only_thread(
    client, db, world, login, logout
):
    _, _, member, insider, _ = world
    login(insider)
    assert "Secret procurement plans" in page(client, "/")
    login(member)  # same public communities, one fewer private one
    assert "Secret procurement plans" not in page(client, "/")
    login(make_user())  # a member of nothing
    assert "Secret procurement plans" not in page(client, "/")
    logout()
    assert "Secret procurement plans" not in page(client, "/")


def test_a_non_member_never_gets_a_members_only_event(client, db, world, login):
    _, vault, member, insider, _ = world
    make_event(vault, insider, title="Closed procurement clinic")
    login(insider)
    assert "Closed procurement clinic" in page(client, "/")
    login(member)
    assert "Closed procurement clinic" not in page(client, "/")


def test_a_new_thread_renews_members_home(client, db, world, login, count_queries):
    login(world[2])
    assert "Paying grants by mobile" not in stored(client, count_queries, "/")
    data = {"title": "Paying grants by mobile", "kind": "discussion", "body": "How?"}
    assert client.post("/c/govstack/new", data=data).status_code == 302
    assert "Paying grants by mobile" in page(client, "/")


def test_a_reply_renews_members_home(client, db, world, login, count_queries):
    _, _, member, _, thread = world
    login(member)
    assert "1 reply" not in stored(client, count_queries, "/")
    response = client.post(f"/t/{thread.id}/reply", data={"body": "Our answer"})
    assert response.status_code == 302
    assert "1 reply" in page(client, "/")


def test_a_reply_elsewhere_keeps_a_community_page_block(
    client, db, world, login, count_queries
):
    """The blocks of a community page follow its own version, not the site's."""
    govstack, _, member, _, _ = world
    other = make_community()
    make_membership(member, other)
    login(member)
    stored(client, count_queries, "/c/govstack")
    make_reply(make_thread(other, member), member, "Elsewhere")
    page(client, "/c/govstack")  # the thread list is read again, the blocks not
    with count_queries() as again:
        page(client, "/c/govstack")
    make_reply(make_thread(other, member), member, "Elsewhere again")
    with count_queries() as after_reply:
        page(client, "/c/govstack")
    assert after_reply.count == again.count


def test_an_event_renews_home_and_the_community_page(
    client, db, world, login, count_queries
):
    govstack, _, member, _, _ = world
    login(member)
    assert "Forum on data exchange" not in stored(client, count_queries, "/")
    assert "Forum on data exchange" not in stored(client, count_queries, "/c/govstack")
    organiser = make_user()
    make_membership(organiser, govstack, role="organiser")
    make_event(govstack, organiser, title="Forum on data exchange")
    assert "Forum on data exchange" in page(client, "/")
    assert "Forum on data exchange" in page(client, "/c/govstack")


def test_publishing_a_lesson_renews_home_and_the_community_page(
    client, db, world, login, count_queries
):
    govstack, _, member, _, _ = world
    lesson = make_lesson(
        member, status="in_review", community=govstack, title="Births offline"
    )
    login(member)
    assert "Births offline" not in stored(client, count_queries, "/")
    assert "Births offline" not in stored(client, count_queries, "/c/govstack")
    login(make_user(is_editor=True))
    version = lesson.working_version
    data = {"version_id": str(version.id), "content_digest": version.digest}
    response = client.post(f"/learnings/{lesson.slug}/publish", data=data)
    assert response.status_code == 302
    login(member)
    assert "Births offline" in page(client, "/")
    assert "Births offline" in page(client, "/c/govstack")


def test_joining_and_leaving_renew_your_communities(
    client, db, world, login, count_queries
):
    login(make_user())
    home = stored(client, count_queries, "/")
    assert "Your communities" not in home
    assert client.post("/c/govstack/join").status_code == 302
    home = page(client, "/")
    assert "Your communities" in home and "3 members" in home
    assert client.post("/c/govstack/leave").status_code == 302
    assert "Your communities" not in page(client, "/")


def test_a_new_leader_renews_the_community_page(
    client, db, world, login, count_queries
):
    govstack, _, member, _, _ = world
    login(member)
    assert "Olga Organiser" not in stored(client, count_queries, "/c/govstack")
    make_membership(
        make_user(display_name="Olga Organiser"), govstack, role="organiser"
    )
    assert "Olga Organiser" in page(client, "/c/govstack")


def test_going_members_only_hides_the_shared_blocks(
    client, db, world, login, count_queries
):
    govstack, _, member, _, _ = world
    outsider = make_user()
    make_membership(outsider, make_community())
    make_event(govstack, member, title="Forum on data exchange")
    login(outsider)
    home = stored(client, count_queries, "/")
    assert "Offline birth registration" in home and "Forum on data exchange" in home
    login(make_user(site_role="admin"))
    go_members_only(client, "GovStack")
    login(outsider)
    home = page(client, "/")
    assert "Offline birth registration" not in home
    assert "Forum on data exchange" not in home


def test_admins_each_see_their_own_communities(client, db, world, login):
    govstack, vault, *_ = world
    first, second = make_user(site_role="admin"), make_user(site_role="admin")
    make_membership(first, govstack)
    make_membership(second, vault)
    login(first)
    assert "Your communities" in page(client, "/")
    login(second)
    home = page(client, "/")
    own = home.split("Your communities", 1)[1].split("More to join", 1)[0]
    assert "Vault" in own and "GovStack" not in own


def test_organisers_get_their_links_members_do_not(client, db, world, login):
    govstack, _, member, _, _ = world
    organiser = make_user()
    make_membership(organiser, govstack, role="organiser")
    login(organiser)
    assert "Schedule an event" in page(client, "/c/govstack")
    login(member)
    assert "Schedule an event" not in page(client, "/c/govstack")
    login(organiser)
    assert "Schedule an event" in page(client, "/c/govstack")


def test_time_zones_are_rendered_apart(client, db, world, login):
    govstack, _, member, _, _ = world
    make_event(govstack, member, title="Forum on data exchange")  # 10:00 UTC
    tokyo = make_user(timezone="Asia/Tokyo")
    make_membership(tokyo, govstack)
    login(member)
    assert "10:00" in page(client, "/")
    login(tokyo)
    home = page(client, "/")
    assert "19:00" in home and "10:00 UTC" not in home


@pytest.mark.usefixtures("csrf_on")
def test_shared_blocks_hold_no_form_token(client, db, world, login):
    """A CSRF token is personal: it must never reach a block others get."""
    login(world[2])
    page(client, "/")
    page(client, "/c/govstack")
    blocks = [
        cache.cache.get(key)  # the in-process backend, as tests run
        for key in list(cache.cache._cache)
        if ":fragment:" in key
    ]
    assert blocks
    assert not any("csrf_token" in block for block in blocks)
