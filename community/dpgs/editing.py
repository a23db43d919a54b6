"""Staff changes to the catalogue: add a good that is not in the registry, edit
one, and take a registry id on or off. The caller commits."""

from sqlalchemy import select

from community import audit
from community.dpgs import linking
from community.dpgs.importing import apply_facts, ensure_countries, unique_slug
from community.dpgs.indexing import index_dpg
from community.dpgs.models import Dpg
from community.extensions import db
from community.text import render_markdown


def create_dpg(actor, facts: dict, registry_id: str | None, notes: str) -> Dpg:
    """A new catalogue entry with a slug no other DPG has."""
    ensure_countries()
    taken = set(db.session.scalars(select(Dpg.slug)))
    dpg = Dpg(slug=unique_slug(registry_id or facts["name"], taken))
    _fill(dpg, facts, registry_id, notes)  # complete before the session sees it
    db.session.add(dpg)
    return _saved(actor, dpg, "dpg.create")


def update_dpg(actor, dpg: Dpg, facts: dict, registry_id: str | None, notes: str):
    """Set the facts and notes; an empty registry id marks it "not in the registry"."""
    ensure_countries()
    _fill(dpg, facts, registry_id, notes)
    return _saved(actor, dpg, "dpg.edit")


def _fill(dpg: Dpg, facts: dict, registry_id: str | None, notes: str) -> None:
    apply_facts(dpg, facts)
    dpg.registry_id = registry_id or None
    if notes != dpg.notes_source or not dpg.notes_html:
        dpg.notes_source = notes
        dpg.notes_html = str(render_markdown(notes)) if notes else ""


def _saved(actor, dpg: Dpg, action: str) -> Dpg:
    db.session.flush()
    linking.resolve_suggestions(dpg)  # its name or a new alias may be awaited
    index_dpg(dpg)
    audit.record(actor, action, target=dpg, detail=dpg.slug)
    return dpg
