"""The review workflow: submit, publish, send back, archive.

Who may do what is decided by the can_* predicates in permissions.py only;
this module asks them and words the refusal. State changes are conditional
UPDATEs (WHERE status = ... AND working version = ...), so when two editors
decide on the same version at once exactly one wins and the other gets
ReviewConflict instead of a silent double publish.
"""

from flask_babel import gettext as _
from sqlalchemy import func, select, update

from community.api import webhooks
from community.audit import record
from community.auth.models import User
from community.extensions import db
from community.learnings import authoring
from community.learnings.indexing import index_lesson
from community.learnings.models import Lesson, LessonVersion, ReviewComment
from community.learnings.permissions import (
    can_archive_lesson,
    can_propose_revision,
    can_publish_lesson,
    can_review_lesson,
    can_submit_lesson,
    is_editor,
    is_lesson_author,
    needs_second_editor,
)
from community.notifications.sending import notify
from community.notifications.subscriptions import community_watchers
from community.text import render_markdown
from community.timezones import utcnow


class ReviewError(Exception):
    """The action is not allowed for this person or this lesson."""


class ReviewConflict(ReviewError):
    """Someone else changed the lesson's state first."""


def _transition(lesson: Lesson, version_id: int, before: tuple, values: dict) -> None:
    """Move the lesson on only if nobody else did since we read it."""
    result = db.session.execute(
        update(Lesson)
        .where(
            Lesson.id == lesson.id,
            Lesson.status.in_(before),
            Lesson.working_version_id == version_id,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(lesson)
    if result.rowcount != 1:
        raise ReviewConflict(
            _(
                "Another editor decided on this version a moment ago, so "
                "your action was not applied. Reload the lesson to see its "
                "current state."
            )
        )


def _working_version(lesson: Lesson, version_id: int | None) -> LessonVersion:
    version = db.session.get(LessonVersion, version_id) if version_id else None
    if version is None or version.lesson_id != lesson.id:
        raise ReviewError(_("That version does not belong to this lesson."))
    if version.published_at is not None:
        raise ReviewConflict(_("This version is already published."))
    if version.id != lesson.working_version_id:
        raise ReviewConflict(_("This version is no longer the one under review."))
    return version


def submit(author: User, lesson: Lesson) -> None:
    """Hand the working draft to the editors."""
    if not can_submit_lesson(author, lesson):
        if not is_lesson_author(author, lesson):
            raise ReviewError(_("Only the lesson's author can submit this draft."))
        raise ReviewError(_("This lesson is not a draft, so it cannot be submitted."))
    version = lesson.working_version
    _transition(lesson, version.id, ("draft", "sent_back"), {"status": "in_review"})
    version.submitted_at = utcnow()
    db.session.flush()


def _check_review(editor: User, lesson: Lesson, version_id: int | None) -> None:
    """Refuse unless can_review_lesson; a decision someone else already made on
    this version is a conflict (409), not a refusal."""
    if can_review_lesson(editor, lesson):
        return
    if not is_editor(editor):
        raise ReviewError(_("Only editors can review lessons."))
    if lesson.status == "published" and version_id is not None:
        _working_version(lesson, version_id)  # raises "already published"
    raise ReviewError(_("This lesson is not waiting for review."))


def publish(
    editor: User, lesson: Lesson, version_id: int | None, digest: str | None = None
) -> LessonVersion:
    """Make the version under review the one everybody reads, exactly as the
    editor read it (`digest`, from the page: a changed text is a conflict;
    None only for callers without a page, such as seed data)."""
    _check_review(editor, lesson, version_id)
    if not can_publish_lesson(editor, lesson) and needs_second_editor(editor, lesson):
        raise ReviewError(
            _("You wrote this lesson, so a second editor has to publish it.")
        )
    version = _working_version(lesson, version_id)
    if digest is not None and digest != version.digest:
        raise ReviewConflict(
            _(
                "The lesson changed after you opened it, so it was not "
                "published. Read the current text, then publish again."
            )
        )
    now = utcnow()
    first = lesson.first_published_at or now
    _transition(
        lesson,
        version.id,
        ("in_review",),
        {
            "status": "published",
            "published_version_id": version.id,
            "working_version_id": None,
            "published_at": now,
            "first_published_at": first,
            # A move to another community (or none) is published with the text.
            "community_id": version.community_id,
        },
    )
    version.published_at = now
    version.published_by_id = editor.id
    db.session.flush()
    record(editor, "lesson.publish", lesson, f"version {version.number}")
    index_lesson(lesson)
    _tell_about_publication(lesson, version)
    webhooks.emit("lesson.published", lesson.community, lesson)
    return version


def send_back(
    editor: User, lesson: Lesson, version_id: int | None, comment: str
) -> ReviewComment:
    """Return the version to its author with the editor's comments."""
    _check_review(editor, lesson, version_id)
    version = _working_version(lesson, version_id)
    _transition(lesson, version.id, ("in_review",), {"status": "sent_back"})
    note = ReviewComment(
        lesson_id=lesson.id,
        version_id=version.id,
        author_id=editor.id,
        author_name=editor.display_name,
        body_source=comment,
        body_html=str(render_markdown(comment)),
    )
    db.session.add(note)
    db.session.flush()
    record(editor, "lesson.send_back", lesson, f"version {version.number}")
    if lesson.author is not None:
        notify(
            lesson.author,
            "lesson_sent_back",
            _(
                "%(display_name)s sent back your lesson “%(title)s” with comments",
                display_name=editor.display_name,
                title=version.title,
            ),
            f"/learnings/{lesson.slug}/draft",
        )
    return note


def propose_revision(author: User, lesson: Lesson) -> LessonVersion:
    """Start a new version from the published one; readers keep the old one."""
    if not can_propose_revision(author, lesson):
        if not is_lesson_author(author, lesson):
            raise ReviewError(_("Only the lesson's author can propose a revision."))
        if lesson.status == "archived" or not lesson.is_public:
            raise ReviewError(_("Only published lessons can be revised."))
        raise ReviewConflict(_("A revision of this lesson is already under way."))
    latest = db.session.scalar(
        select(func.max(LessonVersion.number)).where(
            LessonVersion.lesson_id == lesson.id
        )
    )
    fields = authoring.fields_of(lesson.published_version, lesson.community_id)
    fields.change_note = ""
    version = LessonVersion(
        lesson_id=lesson.id, number=(latest or 0) + 1, created_by_id=author.id
    )
    authoring.fill_version(version, fields)
    db.session.add(version)
    db.session.flush()
    # Two clicks at once must not start two revisions.
    claimed = db.session.execute(
        update(Lesson)
        .where(
            Lesson.id == lesson.id,
            Lesson.status == "published",
            Lesson.working_version_id.is_(None),
        )
        .values(status="draft", working_version_id=version.id)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(lesson)
    if claimed.rowcount != 1:
        raise ReviewConflict(_("A revision of this lesson is already under way."))
    return version


def archive(editor: User, lesson: Lesson) -> None:
    """Keep the lesson readable but out of the default listing."""
    if not can_archive_lesson(editor, lesson):
        if not is_editor(editor):
            raise ReviewError(_("Only editors can archive lessons."))
        raise ReviewError(_("Only published lessons you may read can be archived."))
    result = db.session.execute(
        update(Lesson)
        .where(Lesson.id == lesson.id, Lesson.status != "archived")
        .values(status="archived", archived_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.expire(lesson)
    if result.rowcount != 1:
        raise ReviewConflict(_("This lesson was archived a moment ago."))
    record(editor, "lesson.archive", lesson, "")


def _tell_about_publication(lesson: Lesson, version: LessonVersion) -> None:
    url = f"/learnings/{lesson.slug}"  # a contract URL; works without a request
    if lesson.author is not None:
        notify(
            lesson.author,
            "lesson_published",
            _("Your lesson “%(title)s” is published", title=version.title),
            url,
        )
    watchers = community_watchers(lesson.community) if lesson.community else []
    for person in watchers:
        if person.id != lesson.author_id:
            notify(
                person,
                "lesson_published",
                _(
                    "New lesson in %(name)s: “%(title)s”",
                    name=lesson.community.name,
                    title=version.title,
                ),
                url,
            )
