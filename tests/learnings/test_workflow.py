"""The review workflow over HTTP: who may do what, and what happens."""

import pytest
from sqlalchemy import select, update

from community.learnings import review
from community.learnings.models import Lesson, LessonVersion, ReviewComment
from community.notifications.models import Notification, Subscription
from tests.factories import make_community, make_lesson, make_membership, make_user


def refreshed(db, lesson: Lesson) -> Lesson:
    db.session.expire_all()
    return db.session.get(Lesson, lesson.id)


def publish(client, lesson):
    # The form names the version and the digest of the text the editor read.
    version = lesson.working_version
    digest = version.digest if version is not None else ""
    return client.post(
        f"/learnings/{lesson.slug}/publish",
        data={"version_id": str(lesson.working_version_id), "content_digest": digest},
    )


def send_back(client, lesson, comment="Please add the survey numbers."):
    return client.post(
        f"/learnings/{lesson.slug}/send-back",
        data={"version_id": str(lesson.working_version_id), "comment": comment},
    )


@pytest.fixture
def people(db):
    """author (an editor too), another member, two editors and an admin."""
    return {
        "author": make_user(username="author", is_editor=True),
        "member": make_user(username="member"),
        "editor": make_user(username="editor", is_editor=True),
        "second": make_user(username="second", is_editor=True),
        "admin": make_user(username="admin", site_role="admin"),
        "anonymous": None,
    }


# role -> expected status for: view draft, submit, publish, send back, archive
MATRIX = {
    "author": (200, 302, 403, 302, 302),
    "member": (404, 404, 404, 404, 404),
    "editor": (200, 403, 302, 302, 302),
    "second": (200, 403, 302, 302, 302),
    "admin": (200, 403, 302, 302, 302),
    "anonymous": (404, 302, 302, 302, 302),
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_permission_matrix(client, db, login, people, role):
    view, submit, publish_status, send_back_status, archive = MATRIX[role]
    if people[role] is not None:
        login(people[role])
    author = people["author"]

    draft = make_lesson(author, status="draft")
    assert client.get(f"/learnings/{draft.slug}").status_code == view
    assert client.post(f"/learnings/{draft.slug}/submit").status_code == submit

    in_review = make_lesson(author, status="in_review")
    assert publish(client, in_review).status_code == publish_status
    other = make_lesson(author, status="in_review")
    assert send_back(client, other).status_code == send_back_status

    published = make_lesson(make_user(), status="published")
    response = client.post(f"/learnings/{published.slug}/archive")
    if role == "member":
        assert response.status_code == 403  # sees it, may not act
    else:
        assert response.status_code == archive
    if role == "anonymous":
        assert "/auth/login" in response.headers["Location"]
    editors = ("editor", "second", "admin")
    published_now = "published" if role in editors else "in_review"
    assert refreshed(db, in_review).status == published_now
    archived = role in ("author", "editor", "second", "admin")
    assert refreshed(db, published).status == ("archived" if archived else "published")


def test_submit_publish_and_notify_author_and_watchers(client, db, login, mailbox):
    community = make_community(slug="govstack")
    author = make_user(email_frequency="immediately", email="author@example.org")
    watcher = make_user()
    muted = make_user()
    for person, is_muted in ((watcher, False), (muted, True), (author, False)):
        db.session.add(
            Subscription(
                user_id=person.id,
                target_type="community",
                target_id=community.id,
                muted=is_muted,
            )
        )
    db.session.commit()
    lesson = make_lesson(
        author, status="draft", community=community, title="Clerks first"
    )
    login(author)
    assert client.post(f"/learnings/{lesson.slug}/submit").status_code == 302
    assert refreshed(db, lesson).status == "in_review"
    assert b"Clerks first" not in client.get("/learnings/").data

    editor = login(make_user(is_editor=True))
    queue = client.get("/learnings/review").data.decode()
    assert "Clerks first" in queue
    lesson = refreshed(db, lesson)
    version_id = lesson.working_version_id
    assert publish(client, lesson).status_code == 302
    lesson = refreshed(db, lesson)
    assert lesson.status == "published" and lesson.published_version_id == version_id
    assert lesson.working_version_id is None
    version = db.session.get(LessonVersion, version_id)
    assert version.published_by_id == editor.id and version.published_at is not None

    kinds = {
        (row.user_id, row.kind) for row in db.session.scalars(select(Notification))
    }
    assert kinds == {(author.id, "lesson_published"), (watcher.id, "lesson_published")}
    mailbox.wait_for(1)
    assert any(
        "is published" in body for body in mailbox.bodies_to("author@example.org")
    )
    assert b"Clerks first" in client.get("/learnings/").data


def test_watchers_of_a_members_only_community_must_still_be_members(client, db, login):
    private = make_community(visibility="members")
    member, former = make_user(), make_user()
    make_membership(member, private)
    for person in (member, former):
        db.session.add(
            Subscription(
                user_id=person.id, target_type="community", target_id=private.id
            )
        )
    db.session.commit()
    author = make_user()
    make_membership(author, private)
    lesson = make_lesson(author, status="in_review", community=private)
    login(make_user(site_role="admin"))
    assert publish(client, lesson).status_code == 302
    told = set(db.session.scalars(select(Notification.user_id)))
    assert told == {author.id, member.id}


def test_send_back_shows_comments_on_the_draft_and_tells_the_author(client, db, login):
    author = make_user()
    lesson = make_lesson(author, status="in_review", title="Mobile money")
    login(make_user(is_editor=True, display_name="Maya Editor"))
    assert send_back(client, lesson, "Add **numbers** please").status_code == 302
    lesson = refreshed(db, lesson)
    assert lesson.status == "sent_back"
    note = db.session.scalar(select(ReviewComment))
    assert note.version_id == lesson.working_version_id
    notification = db.session.scalar(select(Notification))
    assert notification.user_id == author.id and notification.kind == "lesson_sent_back"

    login(author)
    page = client.get(f"/learnings/{lesson.slug}").data.decode()
    assert "Add" in page and "numbers" in page and "Maya Editor" in page
    assert "Sent back" in page and "Edit the draft" in page
    assert client.post(f"/learnings/{lesson.slug}/submit").status_code == 302
    assert refreshed(db, lesson).status == "in_review"


def test_an_empty_send_back_comment_keeps_the_page_with_a_message(client, db, login):
    lesson = make_lesson(status="in_review")
    login(make_user(is_editor=True))
    response = send_back(client, lesson, "")
    assert response.status_code == 400
    assert b"Tell the author what to change." in response.data
    assert refreshed(db, lesson).status == "in_review"


def test_editors_need_a_second_editor_for_their_own_lesson(app, client, db, login):
    editor = login(make_user(is_editor=True))
    lesson = make_lesson(editor, status="in_review")
    page = client.get(f"/learnings/{lesson.slug}").data.decode()
    assert "a second editor has to publish it" in page
    response = publish(client, lesson)
    assert response.status_code == 403
    assert "a second editor has to publish it" in response.data.decode()
    assert refreshed(db, lesson).status == "in_review"

    login(make_user(is_editor=True))
    assert publish(client, refreshed(db, lesson)).status_code == 302
    assert refreshed(db, lesson).status == "published"


def test_the_second_editor_rule_is_a_setting(app, client, db, login):
    app.config["LESSONS_REQUIRE_SECOND_EDITOR"] = False
    try:
        editor = login(make_user(is_editor=True))
        lesson = make_lesson(editor, status="in_review")
        assert publish(client, lesson).status_code == 302
    finally:
        app.config["LESSONS_REQUIRE_SECOND_EDITOR"] = True
    assert refreshed(db, lesson).status == "published"


def test_publishing_an_already_published_version_is_refused(client, db, login):
    lesson = make_lesson(status="in_review")
    version_id = lesson.working_version_id
    login(make_user(is_editor=True))
    assert publish(client, lesson).status_code == 302
    login(make_user(is_editor=True))
    response = client.post(
        f"/learnings/{lesson.slug}/publish", data={"version_id": str(version_id)}
    )
    assert response.status_code == 409
    assert "already published" in response.data.decode()


def test_two_editors_racing_one_wins_the_other_is_told(app, client, db, login):
    """The loser read the lesson while it was in review; the winner commits
    first. The conditional UPDATE finds nothing to change, so the loser's
    publish is refused and no second publication or notification happens."""
    lesson = make_lesson(status="in_review")
    loser = make_user(is_editor=True)
    stale = db.session.get(Lesson, lesson.id)
    version_id = stale.working_version_id
    assert stale.status == "in_review"
    # The winner's publish lands in the database behind the loser's back.
    db.session.execute(
        update(Lesson)
        .where(Lesson.id == lesson.id)
        .values(status="sent_back")
        .execution_options(synchronize_session=False)
    )
    conflict = pytest.raises(review.ReviewConflict, match="Another editor decided")
    with app.test_request_context(), conflict:
        review.publish(loser, stale, version_id)
    db.session.rollback()
    assert refreshed(db, lesson).published_version_id is None
    assert db.session.scalar(select(Notification)) is None


def test_revision_is_reviewed_while_readers_keep_the_published_version(
    client, db, login, logout
):
    author = make_user()
    lesson = make_lesson(
        author, title="Old title", sections={"learned": "Start small."}
    )
    login(author)
    assert client.post(f"/learnings/{lesson.slug}/revise").status_code == 302
    lesson = refreshed(db, lesson)
    assert lesson.status == "draft" and lesson.working_version.number == 2
    data = client.get(f"/learnings/{lesson.slug}/edit").data.decode()
    assert "Old title" in data and "Start small." in data
    form = {
        "title": "New title",
        "summary": "Updated summary.",
        "pilot_name": "Test pilot",
        "countries": ["KE"],
        "sector": "identity",
        "stage": "scaling",
        "year": "2025",
        "authors": "A. Author",
        "organisation": "Ministry",
        "learned": "Start small, then <script>grow</script>.",
        "change_note": "Added the scaling phase.",
    }
    assert client.post(f"/learnings/{lesson.slug}/edit", data=form).status_code == 302
    assert client.post(f"/learnings/{lesson.slug}/submit").status_code == 302

    logout()
    public = client.get(f"/learnings/{lesson.slug}").data.decode()
    assert "Old title" in public and "New title" not in public
    assert client.get(f"/learnings/{lesson.slug}/draft").status_code == 404

    login(make_user(is_editor=True))
    assert publish(client, refreshed(db, lesson)).status_code == 302
    logout()
    public = client.get(f"/learnings/{lesson.slug}").data.decode()
    assert "New title" in public
    moved = client.get(f"/learnings/{lesson.slug}?version=1")  # the older address
    assert moved.status_code == 301
    assert moved.headers["Location"] == f"/learnings/{lesson.slug}/v/1"
    old = client.get(f"/learnings/{lesson.slug}/v/1").data.decode()
    assert "Old title" in old and "You are reading version 1" in old
    assert client.get(f"/learnings/{lesson.slug}?version=7").status_code == 404
    assert client.get(f"/learnings/{lesson.slug}/v/7").status_code == 404
    assert client.get(f"/learnings/{lesson.slug}/v/99999999999").status_code == 404
    history = client.get(f"/learnings/{lesson.slug}/history").data.decode()
    assert "Version 2" in history and "Version 1" in history
    assert "Added the scaling phase." in history
    diff = client.get(f"/learnings/{lesson.slug}/diff?from=1&to=2").data.decode()
    assert "<del>Old</del><ins>New</ins> title" in diff
    assert "<del>Pilot</del><ins>Scaling</ins>" in diff  # a structured field
    assert "&lt;script&gt;grow&lt;/script&gt;" in diff and "<script>grow" not in diff
    assert client.get(f"/learnings/{lesson.slug}/diff?from=1&to=9").status_code == 404
    assert client.get(f"/learnings/{lesson.slug}/diff?from=x&to=2").status_code == 404


def test_only_the_author_proposes_a_revision_once(client, db, login):
    author = make_user()
    lesson = make_lesson(author)
    login(make_user())
    assert client.post(f"/learnings/{lesson.slug}/revise").status_code == 403
    login(author)
    assert client.post(f"/learnings/{lesson.slug}/revise").status_code == 302
    assert client.post(f"/learnings/{lesson.slug}/revise").status_code == 409


def test_archived_lessons_stay_readable_but_leave_the_listing(client, db, login):
    lesson = make_lesson(title="Paper first")
    login(make_user(is_editor=True))
    assert client.post(f"/learnings/{lesson.slug}/archive").status_code == 302
    assert client.post(f"/learnings/{lesson.slug}/archive").status_code == 403
    page = client.get(f"/learnings/{lesson.slug}")
    assert page.status_code == 200 and b"archived" in page.data
    assert b"Paper first" not in client.get("/learnings/").data
    assert b"Paper first" in client.get("/learnings/?archived=1").data


def test_my_drafts_lists_every_state(client, db, login):
    author = login(make_user())
    for status in ("draft", "in_review", "sent_back", "published"):
        make_lesson(author, status=status, title=f"State {status}")
    make_lesson(make_user(), status="draft", title="Someone else")
    page = client.get("/learnings/mine").data.decode()
    for label in ("Draft", "In review", "Sent back", "Published"):
        assert label in page
    assert "Someone else" not in page


def test_members_only_lessons_are_hidden_from_outsiders(client, db, login, logout):
    private = make_community(visibility="members")
    author = make_user()
    make_membership(author, private)
    lesson = make_lesson(author, community=private, title="Secret pilot")
    login(make_user(is_editor=True))
    assert client.get(f"/learnings/{lesson.slug}").status_code == 404
    logout()
    assert client.get(f"/learnings/{lesson.slug}").status_code == 404
    login(author)
    assert client.get(f"/learnings/{lesson.slug}").status_code == 200


def test_submitting_someone_elses_draft_is_refused_with_a_message(client, db, login):
    lesson = make_lesson(make_user(), status="draft")
    login(make_user(is_editor=True))  # editors may read the draft, not submit it
    response = client.post(f"/learnings/{lesson.slug}/submit")
    assert response.status_code == 403
    assert "Only the lesson&#39;s author can submit" in response.data.decode()
    login(make_user())
    assert client.post(f"/learnings/{lesson.slug}/submit").status_code == 404
    assert refreshed(db, lesson).status == "draft"
