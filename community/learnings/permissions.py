"""Who may read, write and review lessons: the one place these rules live.

A lesson tied to a members-only community is readable only by that community's
members (and admins), whoever else the rules below would let in; drafts are
readable only by their author and editors.
"""

from flask import abort, current_app
from sqlalchemy import ColumnElement, or_, select

from community.communities.models import Community
from community.communities.permissions import (
    can_see_content,
    is_active_account,
    may_post_anywhere,
    visible_communities,
)
from community.extensions import db
from community.learnings.models import Lesson

WRITABLE = ("draft", "sent_back")


def is_editor(user) -> bool:
    """Editors review lessons; admins count as editors."""
    return is_active_account(user) and bool(user.is_editor or user.is_admin)


def is_lesson_author(user, lesson: Lesson) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and lesson.author_id == user.id
    )


def can_draft_lesson(user) -> bool:
    """Start a new lesson: any confirmed, active member."""
    return may_post_anywhere(user)


def community_allows(user, lesson: Lesson) -> bool:
    return lesson.community is None or can_see_content(user, lesson.community)


def can_see_lesson(user, lesson: Lesson) -> bool:
    """Read the lesson page (the published version, or the draft for its people)."""
    if not community_allows(user, lesson):
        return False
    return lesson.is_public or can_see_working_version(user, lesson)


def can_see_working_version(user, lesson: Lesson) -> bool:
    """Read the draft or proposed revision, with its review comments."""
    return (
        lesson.working_version_id is not None
        and community_allows(user, lesson)
        and (is_lesson_author(user, lesson) or is_editor(user))
    )


def can_edit_lesson(user, lesson: Lesson) -> bool:
    return (
        is_lesson_author(user, lesson)
        and may_post_anywhere(user)
        and lesson.status in WRITABLE
        and lesson.working_version_id is not None
    )


def can_submit_lesson(user, lesson: Lesson) -> bool:
    return can_edit_lesson(user, lesson)


def can_review_lesson(user, lesson: Lesson) -> bool:
    """Send back a version in review (and see the review queue)."""
    return (
        is_editor(user)
        and lesson.status == "in_review"
        and community_allows(user, lesson)
    )


def needs_second_editor(user, lesson: Lesson) -> bool:
    """The editor wrote this lesson, so another editor has to publish it."""
    return bool(
        current_app.config.get("LESSONS_REQUIRE_SECOND_EDITOR", True)
        and is_lesson_author(user, lesson)
    )


def can_publish_lesson(user, lesson: Lesson) -> bool:
    return can_review_lesson(user, lesson) and not needs_second_editor(user, lesson)


def can_archive_lesson(user, lesson: Lesson) -> bool:
    return (
        is_editor(user)
        and lesson.is_public
        and lesson.status != "archived"
        and community_allows(user, lesson)
    )


def can_propose_revision(user, lesson: Lesson) -> bool:
    return (
        is_lesson_author(user, lesson)
        and may_post_anywhere(user)
        and lesson.status == "published"
        and lesson.working_version_id is None
    )


def lesson_visibility(user) -> ColumnElement[bool]:
    """SQL condition on Lesson: no related community, or one the viewer may read."""
    readable = select(Community.id).where(visible_communities(user))
    return or_(Lesson.community_id.is_(None), Lesson.community_id.in_(readable))


# Naming where a lesson is discussed and presented (community/learnings/venues.py).
def can_link_lesson(user, lesson: Lesson) -> bool:
    """Its author (while they may post) and editors, until it is archived."""
    return (
        community_allows(user, lesson)
        and not lesson.is_archived
        and (
            (is_lesson_author(user, lesson) and may_post_anywhere(user))
            or is_editor(user)
        )
    )


def get_lesson_or_404(slug: str, user) -> Lesson:
    """The lesson if the viewer may see it; 404 hides drafts and private lessons."""
    lesson = db.session.scalar(select(Lesson).where(Lesson.slug == slug[:90]))
    if lesson is None or not can_see_lesson(user, lesson):
        abort(404)
    return lesson


TEMPLATE_PREDICATES = (
    is_editor,
    is_lesson_author,
    can_draft_lesson,
    can_see_working_version,
    can_edit_lesson,
    can_submit_lesson,
    can_review_lesson,
    can_publish_lesson,
    needs_second_editor,
    can_archive_lesson,
    can_propose_revision,
    can_link_lesson,
)
