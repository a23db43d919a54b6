"""Numbers per country for the map and the country list: DPG deployments (from
the registry), published lessons from there, events held there and members
from there.

Each measure is one grouped query. Lesson and event counts are the viewer's own
(members-only ones count for members only), so no number hints at hidden content.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, distinct, func, select

from community.auth.models import User
from community.dpgs.models import (
    DpgCountry,
    DpgFacet,
    event_dpgs,
    lesson_version_dpgs,
)
from community.events.models import Event
from community.events.permissions import visible_events
from community.extensions import db
from community.learnings.facets import Published
from community.learnings.models import Lesson, LessonCountry
from community.learnings.permissions import lesson_visibility

MEASURES = {
    "deployments": _l("DPG deployments"),
    "lessons": _l("Published lessons"),
    "events": _l("Events held"),
    "members": _l("Members"),
}


def dpg_condition(column: ColumnElement, dpg_id: int | None, sector: str):
    """Conditions on a dpg_id column for the ?dpg= and ?sector= filters."""
    found = []
    if dpg_id is not None:
        found.append(column == dpg_id)
    if sector:
        in_sector = select(DpgFacet.dpg_id).where(
            DpgFacet.facet == "sector", DpgFacet.value == sector
        )
        found.append(column.in_(in_sector))
    return found


def deployments(dpg_id: int | None = None, sector: str = "") -> dict[str, int]:
    statement = (
        select(DpgCountry.country_code, func.count(distinct(DpgCountry.dpg_id)))
        .where(
            DpgCountry.kind == "deployment",
            *dpg_condition(DpgCountry.dpg_id, dpg_id, sector),
        )
        .group_by(DpgCountry.country_code)
    )
    return dict(db.session.execute(statement).all())


def lessons(viewer, dpg_id: int | None = None, sector: str = "") -> dict[str, int]:
    statement = (
        select(LessonCountry.code, func.count(distinct(Lesson.id)))
        .join(Published, Published.id == LessonCountry.version_id)
        .join(Lesson, Lesson.published_version_id == Published.id)
        .where(Lesson.status != "archived", lesson_visibility(viewer))
        .group_by(LessonCountry.code)
    )
    if dpg_id is not None or sector:
        linked = select(lesson_version_dpgs.c.version_id).where(
            *dpg_condition(lesson_version_dpgs.c.dpg_id, dpg_id, sector)
        )
        statement = statement.where(Published.id.in_(linked))
    return dict(db.session.execute(statement).all())


def events(viewer, dpg_id: int | None = None, sector: str = "") -> dict[str, int]:
    """Events held per country (cancelled ones left out) that the viewer may see."""
    statement = (
        select(Event.country_code, func.count(Event.id))
        .where(
            Event.country_code.is_not(None),
            Event.status != "cancelled",
            visible_events(viewer),
        )
        .group_by(Event.country_code)
    )
    if dpg_id is not None or sector:
        linked = select(event_dpgs.c.event_id).where(
            *dpg_condition(event_dpgs.c.dpg_id, dpg_id, sector)
        )
        statement = statement.where(Event.id.in_(linked))
    return dict(db.session.execute(statement).all())


def members() -> dict[str, int]:
    statement = (
        select(User.country, func.count(User.id))
        .where(User.country.is_not(None), User.suspended_at.is_(None))
        .group_by(User.country)
    )
    return dict(db.session.execute(statement).all())


def measure(viewer, name: str, dpg_id: int | None = None, sector: str = ""):
    """Counts per alpha-2 code for one measure (members ignore the DPG filters)."""
    if name == "lessons":
        return lessons(viewer, dpg_id, sector)
    if name == "events":
        return events(viewer, dpg_id, sector)
    if name == "members":
        return members()
    return deployments(dpg_id, sector)
