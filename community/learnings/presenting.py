"""What a lesson page shows besides the lesson: discuss link, versions, comments.

Citations are in citing.py.
"""

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from community.communities.permissions import can_see_content
from community.extensions import db
from community.learnings.models import Lesson, LessonVersion, ReviewComment
from community.learnings.permissions import can_see_working_version, lesson_visibility


def discuss_url(viewer, lesson: Lesson, version: LessonVersion) -> str | None:
    """The related community's new-thread page with the title filled in."""
    community = lesson.community
    if community is None or not can_see_content(viewer, community):
        return None
    title = _("Lesson: %(title)s", title=version.title)[:150]
    return url_for("discussions.new_thread", slug=community.slug, title=title)


def visible_versions(viewer, lesson: Lesson) -> list[LessonVersion]:
    """Published versions, plus the working one for its author and editors."""
    versions = db.session.scalars(
        select(LessonVersion)
        .where(LessonVersion.lesson_id == lesson.id)
        .order_by(LessonVersion.number.desc())
    ).all()
    working = can_see_working_version(viewer, lesson)
    return [
        version
        for version in versions
        if version.published_at is not None
        or (working and version.id == lesson.working_version_id)
    ]


def review_comments(viewer, lesson: Lesson) -> list[ReviewComment]:
    """Editors' notes, newest first, for the author and editors only."""
    if not can_see_working_version(viewer, lesson):
        return []
    return list(
        db.session.scalars(
            select(ReviewComment)
            .where(ReviewComment.lesson_id == lesson.id)
            .order_by(ReviewComment.created_at.desc(), ReviewComment.id.desc())
        )
    )


def _workflow_loads() -> list:
    return [
        selectinload(Lesson.working_version),
        selectinload(Lesson.published_version),
        selectinload(Lesson.author),
    ]


def lessons_written_by(author) -> list[Lesson]:
    """Every lesson of the person, newest first, in every state ("my drafts")."""
    return list(
        db.session.scalars(
            select(Lesson)
            .where(Lesson.author_id == author.id)
            .order_by(Lesson.created_at.desc(), Lesson.id.desc())
            .options(*_workflow_loads())
        )
    )


def lessons_in_review(editor) -> list[Lesson]:
    """The review queue: versions waiting for an editor, oldest first."""
    return list(
        db.session.scalars(
            select(Lesson)
            .where(Lesson.status == "in_review", lesson_visibility(editor))
            .order_by(Lesson.id)
            .options(*_workflow_loads())
        )
    )
