"""The API's post listing hides hidden and held posts exactly as the thread
page does: each viewer reads a post's text in one if and only if in the other."""

from community.discussions import moderation
from community.discussions.models import Post
from community.trust.holding import hold
from tests.api.conftest import bearer, make_token
from tests.factories import make_reply


def test_hidden_and_held_posts_read_alike_on_the_page_and_in_the_api(
    client, db, forum, login, logout
):
    hidden = make_reply(forum.thread, forum.member, "Moderator hid these words")
    held = make_reply(forum.thread, forum.member, "Held for review these words")
    shown = make_reply(forum.thread, forum.asker, "Plainly readable words")
    moderation.hide_post(hidden, forum.moderator, "Off topic")
    hold(held, "links", "Too many links")
    db.session.commit()
    thread_id = forum.thread.id
    expected = {  # viewer -> may read the hidden and held texts
        None: False,
        forum.outsider: False,
        forum.asker: False,
        forum.member: True,  # their own posts
        forum.moderator: True,
    }
    for viewer, may_read in expected.items():
        logout()
        headers = {}
        if viewer is not None:
            login(viewer)
            headers = bearer(make_token(viewer, ("read",)))
        page = client.get(f"/t/{thread_id}").get_data(as_text=True)
        items = client.get(f"/api/v1/threads/{thread_id}/posts", headers=headers).json[
            "items"
        ]
        by_id = {item["id"]: item for item in items}
        for post, words in ((hidden, "Moderator hid"), (held, "Held for review")):
            assert (words in page) is may_read, (viewer, words)
            item = by_id[post.id]
            assert item["is_hidden"] is True
            assert (item["body_html"] is not None) is may_read, (viewer, words)
            if not may_read:
                assert words not in str(item)
            one = client.get(f"/api/v1/posts/{post.id}", headers=headers).json
            assert (one["body_html"] is not None) is may_read
        assert "Plainly readable" in page
        assert "Plainly readable" in by_id[shown.id]["body_html"]


def test_a_thread_hidden_with_its_opening_post_is_gone_from_the_api_as_from_pages(
    client, db, forum, logout, login
):
    opening = db.session.scalars(
        db.select(Post).where(Post.thread_id == forum.thread.id)
    ).first()
    moderation.hide_post(opening, forum.moderator, "Spam")
    db.session.commit()
    thread_id = forum.thread.id
    urls = [f"/api/v1/threads/{thread_id}", f"/api/v1/threads/{thread_id}/posts"]
    for viewer in (None, forum.member):
        logout()
        headers = bearer(make_token(viewer, ("read",))) if viewer else {}
        if viewer:
            login(viewer)
        assert client.get(f"/t/{thread_id}").status_code == 404
        for url in urls:
            assert client.get(url, headers=headers).status_code == 404, url
        listing = client.get("/api/v1/communities/govstack/threads", headers=headers)
        assert all(item["id"] != thread_id for item in listing.json["items"])
    headers = bearer(make_token(forum.asker, ("read",)))  # its author
    for url in urls:
        assert client.get(url, headers=headers).status_code == 200, url
