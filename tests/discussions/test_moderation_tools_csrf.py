"""The moderator tools and tag forms refuse a missing or stale token, text kept."""

import pytest
from sqlalchemy import select

from community.discussions.models import Post, Thread
from community.discussions.moderation_models import TagSynonym
from tests.discussions.test_markup_and_csrf import csrf_on  # noqa: F401 - fixture
from tests.factories import make_community, make_membership, make_reply, make_thread


@pytest.mark.usefixtures("csrf_on")
def test_tool_forms_refuse_a_stale_token_and_keep_the_text(client, db, forum, login):
    peers = make_community(slug="peers")
    make_membership(forum.moderator, peers, role="moderator")
    other = make_thread(forum.community, forum.member, title="Another thread")
    reply = make_reply(forum.thread, forum.member, "A reply")
    login(forum.moderator)
    thread = forum.thread.id
    forms = {
        f"/t/{thread}/move": ({"community": peers.id}, None),
        f"/t/{thread}/merge": (
            {"target": f"/t/{other.id}", "confirm": "1"},
            f"/t/{other.id}",
        ),
        f"/t/{thread}/split": (
            {"title": "A kept split title", "posts": [reply.id]},
            "A kept split title",
        ),
        "/c/govstack/tags/crvs/synonyms": ({"name": "kept-name"}, "kept-name"),
    }
    for url, (data, kept) in forms.items():
        response = client.post(url, data={**data, "csrf_token": "stale"})
        assert response.status_code == 400, url
        assert b"form had expired" in response.data, url
        if kept:
            assert kept.encode() in response.data, url
    db.session.expire_all()
    assert db.session.get(Thread, thread).community_id == forum.community.id
    assert db.session.get(Thread, other.id) is not None
    assert db.session.get(Post, reply.id).thread_id == thread
    assert db.session.scalar(select(TagSynonym)) is None


@pytest.mark.usefixtures("csrf_on")
def test_tool_buttons_refuse_a_missing_token(client, db, forum, login):
    from community.discussions import tags

    reply = make_reply(forum.thread, forum.member, "Deleted a moment ago")
    tag, _ = tags.find_tag(forum.community, "crvs")
    synonym = tags.add_synonym(forum.community, tag, "births", forum.moderator)
    db.session.commit()
    login(forum.member)
    # Delete with a good token (from the confirmation page), then undo without one.
    page = client.get(f"/p/{reply.id}/delete").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    assert (
        client.post(f"/p/{reply.id}/delete", data={"csrf_token": token}).status_code
        == 302
    )
    urls = [
        f"/p/{reply.id}/undelete",
        "/c/govstack/tags/crvs/watch",
    ]
    for url in urls:
        assert client.post(url, data={"choice": "watch"}).status_code == 400, url
    login(forum.moderator)
    url = f"/c/govstack/tags/crvs/synonyms/{synonym.id}/delete"
    assert client.post(url).status_code == 400
    db.session.expire_all()
    assert db.session.get(Post, reply.id).is_deleted
    assert db.session.get(TagSynonym, synonym.id) is not None
