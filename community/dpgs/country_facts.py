"""What a country page shows: the DPGs deployed and developed there (registry),
the lessons from there and the events held there (those the viewer may read)
and the members from there."""

from datetime import datetime

from sqlalchemy import func, select

from community.auth.models import User
from community.countries import country_name
from community.dpgs.linked import published_lessons_statement, visible_events_where
from community.dpgs.measures import deployments, events, lessons, members
from community.dpgs.models import Country, Dpg, DpgCountry
from community.events.models import Event
from community.extensions import db
from community.learnings.facets import Published
from community.learnings.models import Lesson, LessonCountry

MEMBERS_SHOWN = 30


def dpgs_in(code: str) -> dict[str, list[Dpg]]:
    """{"deployment": [...], "development": [...]}, by name (one query)."""
    statement = (
        select(DpgCountry.kind, Dpg)
        .join(Dpg, Dpg.id == DpgCountry.dpg_id)
        .where(DpgCountry.country_code == code)
        .order_by(func.lower(Dpg.name))
    )
    found: dict[str, list[Dpg]] = {"deployment": [], "development": []}
    for kind, dpg in db.session.execute(statement):
        found.setdefault(kind, []).append(dpg)
    return found


def lessons_from(viewer, code: str, limit: int = 30) -> list[Lesson]:
    there = select(LessonCountry.version_id).where(LessonCountry.code == code)
    statement = published_lessons_statement(viewer).where(Published.id.in_(there))
    return list(db.session.scalars(statement.limit(limit)).unique())


def events_in(viewer, code: str, now: datetime) -> tuple[list[Event], list[Event]]:
    """(upcoming, past) events held in the country that the viewer may see."""
    return visible_events_where(viewer, Event.country_code == code, now)


def members_from(code: str) -> tuple[list[User], int]:
    """Some members from the country, newest first, and how many there are."""
    condition = (User.country == code, User.suspended_at.is_(None))
    shown = db.session.scalars(
        select(User)
        .where(*condition)
        .order_by(User.created_at.desc(), User.id.desc())
        .limit(MEMBERS_SHOWN)
    )
    total = db.session.scalar(select(func.count(User.id)).where(*condition))
    return list(shown), total or 0


def country_rows(viewer) -> list[dict]:
    """Every country with any deployment, lesson, event or member: four grouped
    queries."""
    counts = {
        "deployments": deployments(),
        "lessons": lessons(viewer),
        "events": events(viewer),
        "members": members(),
    }
    codes = set().union(*counts.values())
    names = dict(db.session.execute(select(Country.code, Country.name)).all())
    rows = [
        {
            "code": code,
            "name": names.get(code) or country_name(code) or code,
            **{measure: found.get(code, 0) for measure, found in counts.items()},
        }
        for code in codes
    ]
    return sorted(rows, key=lambda row: row["name"].lower())
