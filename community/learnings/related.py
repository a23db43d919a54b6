"""Lessons related to one lesson: shared DPGs weigh most, then countries, sector."""

from sqlalchemy import case, func, select

from community.dpgs.models import lesson_version_dpgs
from community.extensions import db
from community.learnings.facets import Published, listing_loads, published_lessons
from community.learnings.models import Lesson, LessonCountry, LessonVersion
from community.learnings.permissions import lesson_visibility

DPG_WEIGHT, COUNTRY_WEIGHT, SECTOR_WEIGHT = 3, 2, 1


def _shared_dpgs(version: LessonVersion):
    mine = select(lesson_version_dpgs.c.dpg_id).where(
        lesson_version_dpgs.c.version_id == version.id
    )
    return (
        select(func.count())
        .select_from(lesson_version_dpgs)
        .where(
            lesson_version_dpgs.c.version_id == Published.id,
            lesson_version_dpgs.c.dpg_id.in_(mine),
        )
        .scalar_subquery()
    )


def _shared_countries(version: LessonVersion):
    mine = select(LessonCountry.code).where(LessonCountry.version_id == version.id)
    return (
        select(func.count())
        .select_from(LessonCountry)
        .where(LessonCountry.version_id == Published.id, LessonCountry.code.in_(mine))
        .scalar_subquery()
    )


def related_lessons(viewer, lesson: Lesson, limit: int = 5) -> list[Lesson]:
    """Published lessons the viewer may read that share the most with this one."""
    version = lesson.published_version or lesson.working_version
    if version is None:
        return []
    score = (
        _shared_dpgs(version) * DPG_WEIGHT
        + _shared_countries(version) * COUNTRY_WEIGHT
        + case((Published.sector == version.sector, SECTOR_WEIGHT), else_=0)
    )
    statement = (
        published_lessons()
        .where(
            Lesson.id != lesson.id,
            Lesson.status != "archived",
            lesson_visibility(viewer),
            score > 0,
        )
        .order_by(score.desc(), Lesson.published_at.desc(), Lesson.id.desc())
        .limit(limit)
        .options(*listing_loads())
    )
    return list(db.session.scalars(statement))
