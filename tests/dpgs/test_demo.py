"""`make run` shows the catalogue full: real DPGs from the shipped facts (with
descriptions written for the project), and demo lessons, threads and events
linked to DHIS2, MOSIP, OpenCRVS and X-Road; the real import then takes over."""

import json

from sqlalchemy import func, select

from community.demo.dpg_texts import DESCRIPTIONS
from community.demo.dpgs import FACTS
from community.dpgs.models import Dpg
from tests.dpgs.test_importing import FULL, run_import


def test_demo_goods_come_linked_from_lessons_threads_and_events(app, client, db, demo):
    facts = json.loads(FACTS.read_text())
    assert db.session.scalar(select(func.count()).select_from(Dpg)) == len(facts)
    assert set(DESCRIPTIONS) == {entry["registry_id"] for entry in facts}
    assert all("description" not in entry for entry in facts)  # no registry prose
    for slug in (
        "dhis2",
        "modular-open-source-identity-platform",
        "opencrvs",
        "x-road",
    ):
        page = client.get(f"/dpgs/{slug}").get_data(as_text=True)
        assert "No published lesson names it yet." not in page, slug
        assert "No discussion is linked to it yet." not in page, slug
        assert "No event is linked to it yet." not in page, slug
    assert DESCRIPTIONS["dhis2"] in client.get("/dpgs/dhis2").get_data(as_text=True)
    if FULL.exists():
        code, output = run_import(app, FULL)
        assert output.startswith(f"{165 - len(facts)} created, {len(facts)} updated")
