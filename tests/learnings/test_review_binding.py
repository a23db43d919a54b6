"""Issue 14 (c) and (d): a move between communities goes through review, and a
Publish form publishes only the text the editor read."""

from sqlalchemy import select

from community.learnings.models import Lesson
from community.search.indexing import reindex_all
from community.search.models import SearchDocument
from tests.factories import make_community, make_lesson, make_membership, make_user


def refreshed(db, lesson: Lesson) -> Lesson:
    db.session.expire_all()
    return db.session.get(Lesson, lesson.id)


def edit_form(community_id: str, title: str = "Moved lesson") -> dict:
    return {
        "title": title,
        "summary": "Updated summary.",
        "pilot_name": "Test pilot",
        "countries": ["KE"],
        "sector": "identity",
        "stage": "scaling",
        "year": "2025",
        "authors": "A. Author",
        "organisation": "Ministry",
        "learned": "Start small.",
        "community_id": community_id,
    }


def indexed_community(db, lesson: Lesson):
    db.session.expire_all()
    query = select(SearchDocument.community_id).where(
        SearchDocument.kind == "lesson", SearchDocument.object_id == lesson.id
    )
    return db.session.scalar(query)


def publish(client, lesson: Lesson, digest: str):
    data = {"version_id": str(lesson.working_version_id), "content_digest": digest}
    return client.post(f"/learnings/{lesson.slug}/publish", data=data)


def test_a_draft_cannot_move_a_members_only_lesson_into_the_public_library(
    client, db, login, logout
):
    private = make_community(visibility="members")
    author = make_user()
    make_membership(author, private)
    lesson = make_lesson(author, community=private, title="Secret pilot")
    reindex_all()
    db.session.commit()
    login(author)
    assert client.post(f"/learnings/{lesson.slug}/revise").status_code == 302
    response = client.post(f"/learnings/{lesson.slug}/edit", data=edit_form(""))
    assert response.status_code == 302
    logout()
    assert client.get(f"/learnings/{lesson.slug}").status_code == 404
    assert refreshed(db, lesson).community_id == private.id
    assert indexed_community(db, lesson) == private.id
    # An editor sees the move on the proposed version and publishes it.
    login(author)
    assert client.post(f"/learnings/{lesson.slug}/submit").status_code == 302
    login(make_user(is_editor=True, site_role="admin"))
    draft = client.get(f"/learnings/{lesson.slug}/draft").data.decode()
    assert "Community once published" in draft
    lesson = refreshed(db, lesson)
    assert publish(client, lesson, lesson.working_version.digest).status_code == 302
    logout()
    assert client.get(f"/learnings/{lesson.slug}").status_code == 200
    assert refreshed(db, lesson).community_id is None
    assert indexed_community(db, lesson) is None


def test_a_draft_cannot_hide_a_public_lesson_in_a_members_only_community(
    client, db, login, logout
):
    private = make_community(visibility="members")
    author = make_user()
    make_membership(author, private)
    lesson = make_lesson(author, title="Open pilot")
    login(author)
    client.post(f"/learnings/{lesson.slug}/revise")
    response = client.post(
        f"/learnings/{lesson.slug}/edit", data=edit_form(str(private.id))
    )
    assert response.status_code == 302
    logout()
    assert client.get(f"/learnings/{lesson.slug}").status_code == 200
    assert refreshed(db, lesson).community_id is None


def test_a_stale_publish_form_does_not_publish_text_the_editor_never_saw(
    client, db, login
):
    author = make_user()
    lesson = make_lesson(author, status="in_review", title="First text")
    editor = make_user(is_editor=True)
    login(editor)
    page = client.get(f"/learnings/{lesson.slug}/draft").data.decode()
    seen = page.split('name="content_digest" value="')[1].split('"')[0]
    # Meanwhile another editor sends it back and the author rewrites it.
    login(make_user(is_editor=True))
    client.post(
        f"/learnings/{lesson.slug}/send-back",
        data={"version_id": str(lesson.working_version_id), "comment": "Redo"},
    )
    login(author)
    client.post(f"/learnings/{lesson.slug}/edit", data=edit_form("", "Unseen text"))
    client.post(f"/learnings/{lesson.slug}/submit")
    login(editor)
    response = publish(client, refreshed(db, lesson), seen)
    assert response.status_code == 409
    assert "changed after you opened it" in response.data.decode()
    assert refreshed(db, lesson).published_version_id is None
    lesson = refreshed(db, lesson)
    assert publish(client, lesson, lesson.working_version.digest).status_code == 302


def test_the_archive_service_asks_the_permission_rule(app, db):
    """review.archive used to skip can_archive_lesson's community check."""
    import pytest

    from community.learnings import review

    private = make_community(visibility="members")
    lesson = make_lesson(community=private)
    outsider_editor = make_user(is_editor=True)
    with app.test_request_context(), pytest.raises(review.ReviewError):
        review.archive(outsider_editor, lesson)
    db.session.rollback()
    assert refreshed(db, lesson).status == "published"
