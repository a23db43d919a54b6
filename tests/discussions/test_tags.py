"""Tag counts of what readers see, tag pages, watching a tag, tag synonyms."""

import pytest
from sqlalchemy import select

from community.audit import AuditLog
from community.discussions.models import Tag, Thread
from community.discussions.moderation_models import TagSynonym
from community.extensions import db as _db
from community.notifications.models import Notification
from community.notifications.subscriptions import TAG, find
from tests.factories import make_community, make_membership, make_thread


def hide(thread: Thread) -> None:
    thread.is_hidden = True
    _db.session.commit()


def test_tag_counts_leave_out_hidden_threads(client, db, forum):
    hidden = make_thread(forum.community, forum.member, title="Spam", tags=["crvs"])
    make_thread(forum.community, forum.member, title="Only hidden", tags=["secret"])
    hide(hidden)
    hide(_db.session.scalar(select(Thread).where(Thread.title == "Only hidden")))
    page = client.get("/c/govstack/tags").get_data(as_text=True)
    assert "1 thread" in page and "2 threads" not in page
    assert "secret" not in page  # a tag on hidden threads only is not shown
    assert 'href="/c/govstack/tags/crvs"' in page


def test_the_tag_page_lists_visible_threads_paged(client, db, forum):
    for number in range(26):
        make_thread(
            forum.community, forum.member, title=f"Topic {number:02d}", tags=["crvs"]
        )
    hide(_db.session.scalar(select(Thread).where(Thread.title == "Topic 00")))
    first = client.get("/c/govstack/tags/crvs")
    text = first.get_data(as_text=True)
    assert first.status_code == 200
    assert "Threads tagged crvs" in text and "26 threads" in text
    assert "Topic 00" not in text and "Page 1 of 2" in text
    second = client.get("/c/govstack/tags/crvs?page=2").get_data(as_text=True)
    assert "Page 2 of 2" in second and second.count('class="thread-row"') == 1
    assert client.get("/c/govstack/tags/crvs?page=9").status_code == 404
    assert client.get("/c/govstack/tags/unknown").status_code == 404
    assert client.get("/c/govstack/tags/" + "x" * 300).status_code == 404
    assert client.get("/c/nowhere/tags/crvs").status_code == 404
    # The thread page's tag links lead to the tag page.
    thread_page = client.get(f"/t/{forum.thread.id}").get_data(as_text=True)
    assert 'href="/c/govstack/tags/crvs"' in thread_page


def test_members_only_tags_stay_with_members(client, db, forum, login):
    peers = make_community(slug="peers", visibility="members")
    make_membership(forum.asker, peers)
    make_thread(peers, forum.asker, title="Secret notes", tags=["budget"])
    for path in ("/c/peers/tags", "/c/peers/tags/budget"):
        assert client.get(path).status_code == 404
    assert client.post("/c/peers/tags/budget/watch").status_code == 302  # log in
    login(forum.outsider)
    assert client.get("/c/peers/tags/budget").status_code == 404
    assert client.post("/c/peers/tags/budget/watch").status_code == 404
    assert client.get("/c/peers/tags/budget/synonyms").status_code == 404
    login(forum.asker)
    assert "Secret notes" in client.get("/c/peers/tags/budget").get_data(as_text=True)


def test_tag_watchers_hear_of_new_threads_with_the_tag(client, db, forum, login):
    login(forum.member)
    page = client.get("/c/govstack/tags/crvs").get_data(as_text=True)
    assert "Watch this tag" in page
    assert (
        client.post("/c/govstack/tags/crvs/watch", data={"choice": "watch"}).status_code
        == 302
    )
    assert find(forum.member, TAG, _tag("crvs").id) is not None
    assert "You hear of new threads" in client.get("/c/govstack/tags/crvs").get_data(
        as_text=True
    )
    login(forum.asker)
    start(client, "Birth certificates at the clinic", "crvs")
    start(client, "Something else entirely", "other")
    messages = _db.session.scalars(
        select(Notification.message).where(Notification.user_id == forum.member.id)
    ).all()
    assert messages == [
        "New thread tagged crvs in Govstack: “Birth certificates at the clinic”"
    ]
    login(forum.member)
    client.post("/c/govstack/tags/crvs/watch", data={"choice": "stop"})
    assert find(forum.member, TAG, _tag("crvs").id) is None


def test_tag_watching_needs_an_account_and_a_good_token(client, db, forum, login):
    assert client.post("/c/govstack/tags/crvs/watch").status_code == 302  # log in
    login(forum.member)
    response = client.post("/c/govstack/tags/crvs/watch", data={"choice": "nonsense"})
    assert response.status_code == 400


def start(client, title: str, tags: str) -> None:
    data = {"title": title, "kind": "question", "body": "How?", "tags": tags}
    assert client.post("/c/govstack/new", data=data).status_code == 302


def _tag(name: str) -> Tag:
    return _db.session.scalar(select(Tag).where(Tag.name == name))


def test_moderators_set_synonyms(client, db, forum, login):
    other = make_thread(
        forum.community, forum.member, title="Vital stats", tags=["vital-stats"]
    )
    login(forum.moderator)
    page = client.get("/c/govstack/tags/crvs/synonyms")
    assert page.status_code == 200 and "Add synonym" in page.get_data(as_text=True)
    response = client.post(
        "/c/govstack/tags/crvs/synonyms", data={"name": "Vital-Stats"}
    )
    assert response.status_code == 302
    # The tag already called so is merged into the main tag.
    assert _tag("vital-stats") is None
    _db.session.expire_all()
    assert [tag.name for tag in _db.session.get(Thread, other.id).tags] == ["crvs"]
    assert _db.session.scalar(select(AuditLog).where(AuditLog.action == "tag.synonym"))
    # The synonym's page redirects; new threads with it get the main tag.
    moved = client.get("/c/govstack/tags/vital-stats?page=1")
    assert moved.status_code == 301
    assert moved.headers["Location"] == "/c/govstack/tags/crvs?page=1"
    start(client, "Registering deaths", "vital-stats crvs")
    new = _db.session.scalar(select(Thread).where(Thread.title == "Registering deaths"))
    assert [tag.name for tag in new.tags] == ["crvs"]
    # Refused: the tag's own name, a synonym twice, bad shapes; text kept.
    for name in ("crvs", "vital-stats", "", "no spaces", "x" * 31, "<b>"):
        response = client.post("/c/govstack/tags/crvs/synonyms", data={"name": name})
        assert response.status_code == 400, name
    synonym = _db.session.scalar(select(TagSynonym))
    url = f"/c/govstack/tags/crvs/synonyms/{synonym.id}/delete"
    assert (
        client.post("/c/govstack/tags/crvs/synonyms/999999/delete").status_code == 404
    )
    assert client.post(url).status_code == 302
    assert _db.session.scalar(select(TagSynonym)) is None
    assert client.get("/c/govstack/tags/vital-stats").status_code == 404


TAG_MATRIX = {
    # role: (tag page, synonyms page, watch)
    "visitor": (200, 302, 302),
    "outsider": (200, 403, 302),
    "member": (200, 403, 302),
    "moderator": (200, 200, 302),
    "site_moderator": (200, 200, 302),
}


@pytest.mark.parametrize("role", list(TAG_MATRIX))
def test_tag_permission_matrix(client, db, forum, people, login, role):
    if role != "visitor":
        login(people[role])
    page, synonyms, watch = TAG_MATRIX[role]
    assert client.get("/c/govstack/tags/crvs").status_code == page
    assert client.get("/c/govstack/tags/crvs/synonyms").status_code == synonyms
    posted = client.post("/c/govstack/tags/crvs/watch", data={"choice": "watch"})
    assert posted.status_code == watch
    added = client.post("/c/govstack/tags/crvs/synonyms", data={"name": "births"})
    assert added.status_code == (302 if synonyms == 200 else synonyms)


def test_a_tag_watch_mail_stops_the_tag_watch(client, db, forum, login, mailbox):
    """The new-thread mail a tag watcher gets unsubscribes from the tag, not
    from a community they never watched (it used to name the community)."""
    forum.member.email_frequency = "immediately"
    _db.session.commit()
    login(forum.member)
    client.post("/c/govstack/tags/crvs/watch", data={"choice": "watch"})
    login(forum.asker)
    start(client, "Birth certificates at the clinic", "crvs")
    mails = [m for m in mailbox.wait_for(1) if m["To"] == forum.member.email]
    assert mails, "the tag watcher was mailed"
    text = mails[0].get_body(("plain",)).get_content()
    assert "Stop news of threads tagged crvs" in text
    link = (
        mails[0]["List-Unsubscribe"].strip("<>").removeprefix("http://127.0.0.1:5000")
    )
    client.get("/auth/logout")
    page = client.get(link).get_data(as_text=True)
    assert "threads tagged crvs" in page
    assert client.post(link).status_code == 200
    assert find(forum.member, TAG, _tag("crvs").id) is None
