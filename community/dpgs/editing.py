"""Staff changes to the catalogue: add a good that is not in the registry, edit
one, and take a registry id on or off. The caller commits."""

from sqlalchemy import select

from community import audit
from community.dpgs import linking
from community.dpgs.importing import apply_facts, unique_slug
from community.dpgs.indexing import index_dpg
from community.dpgs.models import Dpg
from community.extensions import db
from community.text import render_markdown


def create_dpg(actor, facts: dict, registry_id: str | None, notes: str) -> Dpg:
    """A new catalogue entry with a slug no other DPG has."""
    taken = set(db.session.scalars(select(Dpg.slug)))
    dpg = Dpg(slug=unique_slug(registry_id or facts["name"], taken))
    db.session.add(dpg)
    update_dpg(actor, dpg, facts, registry_id, notes, action="dpg.create")
    return dpg


def update_dpg(
    actor,
    dpg: Dpg,
    facts: dict,
    registry_id: str | None,
    notes: str,
    action: str = "dpg.edit",
) -> Dpg:
    """Set the facts and notes; an empty registry id marks it "not in the registry"."""
    apply_facts(dpg, facts)
    dpg.registry_id = registry_id or None
    if notes != dpg.notes_source or not dpg.notes_html:
        dpg.notes_source = notes
        dpg.notes_html = str(render_markdown(notes)) if notes else ""
    db.session.flush()
    linking.resolve_suggestions(dpg)  # its name or a new alias may be awaited
    index_dpg(dpg)
    audit.record(actor, action, target=dpg, detail=dpg.slug)
    return dpg
