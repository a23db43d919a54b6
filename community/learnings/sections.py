"""Lessons on other pages: "Newest lessons" at home, "Recent lessons" per community."""

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from community.communities.permissions import can_see_content
from community.extensions import db
from community.learnings.facets import newest_lessons, published_lessons, summary_loads
from community.learnings.models import Lesson
from community.learnings.permissions import lesson_visibility
from community.sections import (
    community_list_stat,
    community_section,
    home_section,
    profile_section,
)


@home_section("learnings/_home_section.html", order=30, shared=True)
def newest_for_home(viewer) -> dict:
    """The five newest lessons the viewer may read."""
    return {"newest_lessons": newest_lessons(viewer, limit=5, loads=summary_loads())}


@home_section("learnings/_home_drafts.html", order=7)
def drafts_for_home(viewer) -> dict:
    """The signed-in viewer's lessons still being written or sent back, one query."""
    if not viewer.is_authenticated:
        return {"draft_lessons": []}
    lessons = db.session.scalars(
        select(Lesson)
        .where(
            Lesson.author_id == viewer.id,
            Lesson.status.in_(("draft", "sent_back")),
            Lesson.working_version_id.is_not(None),
        )
        .order_by(Lesson.id.desc())
        .limit(5)
        .options(joinedload(Lesson.working_version))
    ).all()
    return {"draft_lessons": lessons}


@profile_section("learnings/_profile_section.html", order=25)
def lessons_for_profile(viewer, person) -> dict:
    """The person's published lessons the viewer may read, newest first."""
    lessons = db.session.scalars(
        published_lessons()
        .where(
            Lesson.author_id == person.id,
            Lesson.status != "archived",
            lesson_visibility(viewer),
        )
        .order_by(Lesson.published_at.desc(), Lesson.id.desc())
        .limit(5)
        .options(*summary_loads())
    ).all()
    return {"profile_lessons": lessons}


@community_section("learnings/_community_section.html", order=30, shared=True)
def recent_for_community(viewer, community) -> dict:
    """The community's newest published lessons (none when it is hidden)."""
    if not can_see_content(viewer, community):
        return {"community_lessons": []}
    lessons = db.session.scalars(
        published_lessons()
        .where(Lesson.community_id == community.id, Lesson.status != "archived")
        .order_by(Lesson.published_at.desc(), Lesson.id.desc())
        .limit(5)
        .options(*summary_loads())
    ).all()
    return {"community_lessons": lessons}


@community_list_stat(order=30)
def lesson_counts(communities: list) -> dict[int, dict[str, object]]:
    """Published lessons per community on /c/ (only readable ones are passed in)."""
    ids = [community.id for community in communities]
    if not ids:
        return {}
    rows = db.session.execute(
        select(Lesson.community_id, func.count(Lesson.id))
        .where(
            Lesson.community_id.in_(ids),
            Lesson.published_version_id.is_not(None),
            Lesson.status != "archived",
        )
        .group_by(Lesson.community_id)
    ).all()
    return {community_id: {_("Lessons"): count} for community_id, count in rows}
