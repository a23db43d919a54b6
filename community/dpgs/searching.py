"""Search filters by DPG and by country (?dpg=, ?country= on /search): SQL
conditions on the index's documents, from the links this package keeps."""

from sqlalchemy import ColumnElement, and_, or_, select

from community.dpgs.linking import linked_ids
from community.dpgs.models import DpgCountry
from community.learnings.models import Lesson, LessonCountry
from community.search.models import SearchDocument


def _of(kind: str, ids) -> ColumnElement[bool]:
    return and_(SearchDocument.kind == kind, SearchDocument.object_id.in_(ids))


def documents_about(dpg_id: int) -> ColumnElement[bool]:
    """The DPG itself, and the threads, events and lessons that name it."""
    lessons = select(Lesson.id).where(
        Lesson.published_version_id.in_(linked_ids("lesson_version", dpg_id))
    )
    return or_(
        _of("dpg", [dpg_id]),
        _of("thread", linked_ids("thread", dpg_id)),
        _of("event", linked_ids("event", dpg_id)),
        _of("lesson", lessons),
    )


def documents_from(code: str) -> ColumnElement[bool]:
    """Lessons from the country and the DPGs deployed there."""
    versions = select(LessonCountry.version_id).where(LessonCountry.code == code)
    lessons = select(Lesson.id).where(Lesson.published_version_id.in_(versions))
    deployed = select(DpgCountry.dpg_id).where(
        DpgCountry.country_code == code, DpgCountry.kind == "deployment"
    )
    return or_(_of("lesson", lessons), _of("dpg", deployed))
