"""Demo step: the catalogue (facts shipped in dpg_facts.json, descriptions from
dpg_texts.py), then links from the demo threads and events. Idempotent: a DPG
whose registry id exists is left alone, and a link is added only once."""

import json
from pathlib import Path

from sqlalchemy import select

from community.demo.dpg_texts import DESCRIPTIONS, EVENT_DPGS, THREAD_DPGS
from community.discussions.models import Thread
from community.dpgs import linking
from community.dpgs.importing import apply_facts, ensure_countries
from community.dpgs.models import Dpg
from community.events.models import Event
from community.extensions import db

FACTS = Path(__file__).with_name("dpg_facts.json")


def seed_dpgs() -> list[str]:
    ensure_countries()
    known = set(db.session.scalars(select(Dpg.registry_id)))
    added = 0
    for entry in json.loads(FACTS.read_text()):
        registry_id = entry.pop("registry_id")
        if registry_id in known:
            continue
        facts = {"description": DESCRIPTIONS.get(registry_id, ""), **entry}
        dpg = Dpg(registry_id=registry_id, slug=registry_id)
        apply_facts(dpg, facts)
        dpg.registry_digest = ""  # a real import replaces these facts and prose
        db.session.add(dpg)
        added += 1
    db.session.flush()
    return [f"  DPGs: {added} added from the shipped registry facts"]


def link_demo_content() -> list[str]:
    """The demo threads and events name the goods they are about."""
    count = 0
    for kind, model, table in (
        ("thread", Thread, THREAD_DPGS),
        ("event", Event, EVENT_DPGS),
    ):
        for title, names in table.items():
            item_ids = db.session.scalars(select(model.id).where(model.title == title))
            dpgs, _unknown = linking.choose(names)
            for item_id in item_ids:
                for dpg in dpgs:
                    linking.link(kind, item_id, dpg.id)
                    count += 1
    return [f"  DPG links on demo threads and events: {count}"]
