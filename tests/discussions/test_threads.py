"""Starting threads, titles and tags, thread URLs."""

from sqlalchemy import func, select

from community.discussions.models import Post, Tag, Thread
from tests.factories import make_community, make_membership, make_thread

GOOD = {
    "title": "Offline registration in rural clinics",
    "kind": "question",
    "body": "How do you sync **offline** registrations?",
    "tags": "CRVS, offline sync",
}


def thread_count(db) -> int:
    return db.session.scalar(select(func.count(Thread.id)))


def test_member_starts_a_question_with_tags(client, db, forum, login):
    login(forum.member)
    assert client.get("/c/govstack/new").status_code == 200
    response = client.post("/c/govstack/new", data=GOOD)
    assert response.status_code == 302
    thread = db.session.scalar(select(Thread).where(Thread.title == GOOD["title"]))
    assert response.headers["Location"].endswith(
        f"/t/{thread.id}/offline-registration-in-rural-clinics"
    )
    assert thread.kind == "question" and thread.author_id == forum.member.id
    assert [tag.name for tag in thread.tags] == ["crvs", "offline", "sync"]
    page = client.get(response.headers["Location"])
    assert b"<strong>offline</strong>" in page.data or b"offline" in page.data
    assert b"Offline registration in rural clinics" in page.data


def test_tags_are_created_once_per_community_and_listed(client, db, forum, login):
    login(forum.member)
    client.post("/c/govstack/new", data=GOOD)
    client.post("/c/govstack/new", data={**GOOD, "title": "Another one about crvs"})
    names = db.session.scalars(select(Tag.name).where(Tag.name == "crvs")).all()
    assert names == ["crvs"]
    page = client.get("/c/govstack/tags")
    assert page.status_code == 200
    assert b"crvs" in page.data and b"3 threads" in page.data


def test_bad_titles_bodies_and_tags_are_refused_with_text_kept(
    client, db, forum, login
):
    login(forum.member)
    before = thread_count(db)
    cases = [
        ({"title": "Hey"}, b"5 to 150 characters"),
        ({"body": ""}, b"Write something"),
        ({"body": "x" * 50_001}, b"longer than 50,000 characters"),
        ({"tags": "a b c d e f"}, b"at most 5 tags"),
        ({"tags": "Not_A_Tag!"}, b"is not a tag"),
    ]
    for change, message in cases:
        data = {**GOOD, **change}
        response = client.post("/c/govstack/new", data=data)
        assert response.status_code == 400, change
        assert message in response.data, change
        assert data["title"].encode() in response.data
    long_body = client.post("/c/govstack/new", data={**GOOD, "body": "y" * 50_001})
    assert b"y" * 50_001 in long_body.data
    assert thread_count(db) == before


def test_non_members_may_not_start_threads(client, db, forum, login):
    login(forum.outsider)
    assert client.get("/c/govstack/new").status_code == 403
    assert client.post("/c/govstack/new", data=GOOD).status_code == 403


def test_members_only_community_hides_new_thread_page(client, db, forum, login):
    hidden = make_community(slug="peers", visibility="members")
    login(forum.outsider)
    assert client.get("/c/peers/new").status_code == 404
    make_membership(forum.outsider, hidden)
    assert client.get("/c/peers/new").status_code == 200


def test_double_submit_creates_one_thread(client, db, forum, login):
    login(forum.member)
    before = thread_count(db)
    data = {**GOOD, "idempotency_key": "form-key-1"}
    first = client.post("/c/govstack/new", data=data)
    second = client.post("/c/govstack/new", data=data)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert thread_count(db) == before + 1


def test_wrong_slug_is_ignored(client, db, forum):
    thread = forum.thread
    for url in (f"/t/{thread.id}", f"/t/{thread.id}/whatever-slug"):
        response = client.get(url)
        assert response.status_code == 200
        assert b"How do you register births offline?" in response.data
    assert client.get("/t/999999").status_code == 404


def test_author_and_moderator_edit_title_and_tags(client, db, forum, login):
    thread_id = forum.thread.id
    login(forum.asker)
    response = client.post(
        f"/t/{thread_id}/edit",
        data={"title": "Registering births offline", "tags": "crvs mobile"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    thread = db.session.get(Thread, thread_id)
    assert thread.title == "Registering births offline"
    assert thread.slug == "registering-births-offline"
    assert [tag.name for tag in thread.tags] == ["crvs", "mobile"]
    login(forum.moderator)
    assert (
        client.post(
            f"/t/{thread_id}/edit", data={"title": "Moderated title", "tags": ""}
        ).status_code
        == 302
    )
    login(forum.member)
    assert client.get(f"/t/{thread_id}/edit").status_code == 403
    bad = client.post(f"/t/{thread_id}/edit", data={"title": "Hi", "tags": ""})
    assert bad.status_code == 403


def test_edit_thread_bad_title_keeps_text(client, db, forum, login):
    login(forum.asker)
    response = client.post(
        f"/t/{forum.thread.id}/edit", data={"title": "Hi", "tags": "keep-me"}
    )
    assert response.status_code == 400
    assert b"keep-me" in response.data


def test_opening_post_is_depth_zero_with_path(db, forum):
    opening = db.session.scalar(select(Post).where(Post.thread_id == forum.thread.id))
    assert opening.depth == 0 and opening.path == f"{opening.id:010d}"
    other = make_thread(forum.community, forum.member, title="Second thread here")
    assert other.slug == "second-thread-here"


def test_new_thread_form_can_be_prefilled_with_a_title(client, db, forum, login):
    login(forum.member)
    page = client.get("/c/govstack/new?title=Lesson:+offline+enrolment")
    assert page.status_code == 200
    assert b'value="Lesson: offline enrolment"' in page.data
