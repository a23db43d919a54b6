"""Naming DPGs on lessons, threads and events: names are matched against the
catalogue (name, slug or alias, any case); a name the catalogue lacks becomes a
suggestion for staff, never a new DPG. When staff add the good (or an import
brings it, or an alias makes it match), the waiting suggestions link their
lesson, thread or event to it.
"""

import re
from collections.abc import Iterable

from flask_babel import ngettext
from sqlalchemy import func, select

from community.dpgs.models import (
    Dpg,
    DpgSuggestion,
    event_dpgs,
    lesson_version_dpgs,
    thread_dpgs,
)
from community.extensions import db
from community.timezones import utcnow

MAX_NAMES = 10
# source kind -> (link table, its column naming the source)
LINKS = {
    "lesson_version": (lesson_version_dpgs, "version_id"),
    "thread": (thread_dpgs, "thread_id"),
    "event": (event_dpgs, "event_id"),
}


def name_key(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().lower()[:150]


def split_names(text: str | None) -> list[str]:
    """Comma-separated names, blanks dropped, first spelling of each kept."""
    names: dict[str, str] = {}
    for part in (text or "").split(","):
        if part.strip():
            names.setdefault(name_key(part), re.sub(r"\s+", " ", part).strip())
    return list(names.values())


def _keys_of(dpg: Dpg) -> set[str]:
    return {name_key(value) for value in (dpg.name, dpg.slug, *dpg.aliases) if value}


def choose(names: Iterable[str]) -> tuple[list[Dpg], list[str]]:
    """(catalogue DPGs these names mean, in order; the names it does not know)."""
    wanted = {name_key(name): name for name in names if name.strip()}
    if not wanted:
        return [], []
    index: dict[str, Dpg] = {}
    for dpg in db.session.scalars(select(Dpg).order_by(Dpg.id)):
        for key in _keys_of(dpg):
            index.setdefault(key, dpg)
    found: list[Dpg] = []
    unknown: list[str] = []
    for key, name in wanted.items():
        dpg = index.get(key)
        if dpg is None:
            unknown.append(name[:150])
        elif dpg not in found:
            found.append(dpg)
    return found, unknown


def set_dpgs(item, source_kind: str, names: list[str], user) -> list[str]:
    """Make a lesson version, thread or event name exactly these goods; the
    names the catalogue lacks become suggestions. Returns those names."""
    before = {dpg.id for dpg in item.dpgs}
    item.dpgs, unknown = choose(names)
    if source_kind == "event" and before != {dpg.id for dpg in item.dpgs}:
        # A ?dpg= calendar feed's ETag comes from its events' updated_at.
        item.updated_at = utcnow()
    db.session.flush()
    suggest(unknown, source_kind, item.id, user)
    return unknown


def linked_ids(source_kind: str, dpg_id: int):
    """SELECT of the ids of lesson versions, threads or events linked to a DPG
    (the ?dpg= feeds filter by it)."""
    table, column = LINKS[source_kind]
    return select(table.c[column]).where(table.c.dpg_id == dpg_id)


def catalogue_names() -> list[str]:
    """Every DPG's name, for a <datalist> (the catalogue is public)."""
    return list(db.session.scalars(select(Dpg.name).order_by(func.lower(Dpg.name))))


def suggest(names: list[str], source_kind: str, source_id: int, user) -> None:
    """Keep each unknown name for staff, once per source."""
    open_keys = set(
        db.session.scalars(
            select(DpgSuggestion.name_key).where(
                DpgSuggestion.source_kind == source_kind,
                DpgSuggestion.source_id == source_id,
                DpgSuggestion.resolved_at.is_(None),
            )
        )
    )
    for name in names:
        if name_key(name) not in open_keys:
            open_keys.add(name_key(name))
            db.session.add(
                DpgSuggestion(
                    name=name[:150],
                    name_key=name_key(name),
                    source_kind=source_kind,
                    source_id=source_id,
                    suggested_by_id=getattr(user, "id", None),
                )
            )


def resolve_suggestions(dpg: Dpg) -> int:
    """Link what was waiting for this good's name; the number resolved."""
    waiting = db.session.scalars(
        select(DpgSuggestion).where(
            DpgSuggestion.resolved_at.is_(None),
            DpgSuggestion.name_key.in_(_keys_of(dpg)),
        )
    ).all()
    for suggestion in waiting:
        link(suggestion.source_kind, suggestion.source_id, dpg.id)
        suggestion.resolved_at = utcnow()
        suggestion.dpg_id = dpg.id
    db.session.flush()
    return len(waiting)


def link(source_kind: str, source_id: int | None, dpg_id: int) -> None:
    """Add one link row unless it is there (or the source is gone)."""
    if source_kind not in LINKS or source_id is None:
        return
    table, column = LINKS[source_kind]
    source = table.c[column]
    exists = db.session.execute(
        select(source).where(source == source_id, table.c.dpg_id == dpg_id)
    ).first()
    target = next(iter(source.foreign_keys)).column.table
    alive = db.session.execute(
        select(target.c.id).where(target.c.id == source_id)
    ).first()
    if exists is None and alive is not None:
        db.session.execute(table.insert().values({column: source_id, "dpg_id": dpg_id}))


def prefill(slug: str) -> str:
    """The name of the DPG a "write about it" link names ("" if none)."""
    if not slug:
        return ""
    return db.session.scalar(select(Dpg.name).where(Dpg.slug == slug[:100])) or ""


def unknown_message(names: list[str]) -> str:
    """What to tell someone whose names the catalogue lacks."""
    return ngettext(
        "Not in the catalogue yet: %(names)s. Staff have been asked to add it; "
        "the link appears once they do.",
        "Not in the catalogue yet: %(names)s. Staff have been asked to add them; "
        "the links appear once they do.",
        len(names),
        names=", ".join(names),
    )


def open_suggestions() -> list[tuple[str, int]]:
    """(name, how many asked) for every open suggestion, most asked first."""
    rows = db.session.execute(
        select(func.min(DpgSuggestion.name), func.count(DpgSuggestion.id))
        .where(DpgSuggestion.resolved_at.is_(None))
        .group_by(DpgSuggestion.name_key)
        .order_by(func.count(DpgSuggestion.id).desc(), func.min(DpgSuggestion.name))
    )
    return [(name, count) for name, count in rows]


def dismiss_name(name: str) -> int:
    """Close every open suggestion of this name; how many were closed."""
    waiting = db.session.scalars(
        select(DpgSuggestion).where(
            DpgSuggestion.resolved_at.is_(None),
            DpgSuggestion.name_key == name_key(name),
        )
    ).all()
    for suggestion in waiting:
        suggestion.resolved_at = utcnow()
    return len(waiting)
