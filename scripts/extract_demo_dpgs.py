"""Write community/demo/dpg_facts.json: registry facts (no prose) for the demo.

    python scripts/extract_demo_dpgs.py ../shared/data/dpg-registry/dpgs-2023-02.json

Only facts are copied (ids, names, aliases, websites, licences, SDG numbers,
sectors, types, organisation names and roles, countries as ISO codes). The
registry's descriptions and evidence texts stay out: the demo's descriptions are
written in community/demo/dpg_texts.py, and real prose comes in only through
`flask dpgs import`.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from community.dpgs.registry import facts_from_record  # noqa: E402

DEMO_IDS = (
    "dhis2", "modular-open-source-identity-platform", "opencrvs", "x-road",
    "mojaloop", "openg2p", "openspp", "openimis", "sunbird-rc", "sunbird",
    "commcare", "openmrs", "odk", "kobotoolbox", "kolibri", "rapidpro", "primero",
    "opensrp", "bahmni", "openlmis", "ihris", "community-health-toolkit",
    "apache-fineract", "openfn-integration-toolkit", "divoc", "digit", "moodle-lms",
    "farmos", "govdirectory", "standard-for-public-code", "ushahidi", "altinn",
)  # fmt: skip
OUT = ROOT / "community/demo/dpg_facts.json"


def main(source: str) -> None:
    records = {record["id"]: record for record in json.loads(Path(source).read_text())}
    facts = []
    for registry_id in DEMO_IDS:
        found, _unresolved = facts_from_record(records[registry_id])
        found.pop("description")
        found["repositories"] = [
            {"name": r["name"], "url": r["url"]} for r in found["repositories"]
        ]
        facts.append({"registry_id": registry_id, **found})
    OUT.write_text(json.dumps(facts, indent=1, ensure_ascii=False) + "\n")
    print(f"{OUT}: {len(facts)} DPGs")


if __name__ == "__main__":
    main(sys.argv[1])
