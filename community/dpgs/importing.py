"""Importing registry records into the catalogue: idempotent, matched by the
registry id, and reporting what it created, updated and left unchanged."""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from community.countries import countries
from community.dpgs.indexing import index_dpg
from community.dpgs.linking import resolve_suggestions
from community.dpgs.models import FACETS, Country, Dpg, DpgCountry, DpgFacet
from community.dpgs.registry import digest, facts_from_record
from community.extensions import db
from community.learnings.authoring import slugify
from community.timezones import utcnow

PLAIN = ("name", "aliases", "description", "website", "stage")
SHOWN = ("repositories", "organisations")


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: dict[str, list[str]] = field(default_factory=dict)  # id -> fields
    unchanged: list[str] = field(default_factory=list)
    unresolved: dict[str, set[str]] = field(default_factory=dict)  # name -> ids
    linked_suggestions: int = 0

    def lines(self) -> list[str]:
        lines = [
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged"
        ]
        for registry_id, fields in sorted(self.updated.items()):
            lines.append(f"  updated {registry_id}: {', '.join(fields)}")
        if self.unresolved:
            lines.append(f"{len(self.unresolved)} country names not resolved:")
            for name, ids in sorted(self.unresolved.items()):
                lines.append(f"  {name!r} ({', '.join(sorted(ids))})")
        else:
            lines.append("every country name resolved")
        if self.linked_suggestions:
            lines.append(f"{self.linked_suggestions} suggestions linked")
        return lines


def ensure_countries() -> None:
    """Add any ISO 3166-1 country the countries table lacks (the migration
    seeds them; tests and old databases may not have them all)."""
    with db.session.no_autoflush:  # a DPG being built must not flush half-made
        present = set(db.session.scalars(select(Country.code)))
    for code, name in countries().items():
        if code not in present:
            db.session.add(Country(code=code, name=name))
    db.session.flush()


def facts_of(dpg: Dpg) -> dict:
    """A stored record's facts, in the shape the registry reader produces."""
    facts = {name: getattr(dpg, name) for name in PLAIN + SHOWN}
    for facet in FACETS:
        facts[facet] = dpg.facet_values(facet)
    facts["countries"] = {
        kind: sorted(dpg.country_codes(kind)) for kind in ("deployment", "development")
    }
    return facts


def apply_facts(dpg: Dpg, facts: dict) -> None:
    """Set a record to these facts (registry or staff form alike)."""
    for name in PLAIN + SHOWN:
        setattr(dpg, name, facts[name])
    dpg.facets = [
        DpgFacet(facet=facet, value=value)
        for facet in FACETS
        for value in dict.fromkeys(facts[facet])
    ]
    dpg.countries = [
        DpgCountry(country_code=code, kind=kind)
        for kind, codes in facts["countries"].items()
        for code in dict.fromkeys(codes)
    ]
    dpg.deployment_count = len(set(facts["countries"].get("deployment", [])))
    dpg.registry_digest = digest(facts)


@dataclass
class Catalogue:
    """The catalogue as an import finds it: goods by registry id, and those staff
    added before the registry listed them (by slug: the same good)."""

    by_id: dict[str, Dpg]
    unlisted: dict[str, Dpg]
    slugs: set[str]

    @classmethod
    def load(cls) -> "Catalogue":
        every = list(
            db.session.scalars(
                select(Dpg).options(
                    selectinload(Dpg.facets), selectinload(Dpg.countries)
                )
            )
        )
        return cls(
            by_id={dpg.registry_id: dpg for dpg in every if dpg.registry_id},
            unlisted={dpg.slug: dpg for dpg in every if not dpg.registry_id},
            slugs={dpg.slug for dpg in every},
        )

    def find(self, registry_id: str) -> Dpg | None:
        return self.by_id.get(registry_id) or self.unlisted.pop(
            slugify(registry_id), None
        )

    def create(self, registry_id: str) -> Dpg:
        dpg = Dpg(registry_id=registry_id, slug=unique_slug(registry_id, self.slugs))
        self.slugs.add(dpg.slug)
        db.session.add(dpg)
        return dpg


def import_records(records: list[dict]) -> ImportReport:
    """Create or update one DPG per record; the caller commits."""
    ensure_countries()
    report, catalogue = ImportReport(), Catalogue.load()
    for record in records:
        registry_id = record["id"].strip()[:150]
        facts, unresolved = facts_from_record(record)
        for name in unresolved:
            report.unresolved.setdefault(name, set()).add(registry_id)
        dpg = catalogue.find(registry_id)
        if dpg is None:
            dpg = catalogue.create(registry_id)
            report.created.append(registry_id)
        elif changed := _changes(dpg, facts, registry_id):
            report.updated[registry_id] = changed
        else:
            report.unchanged.append(registry_id)
            continue
        apply_facts(dpg, facts)
        dpg.registry_id, dpg.imported_at = registry_id, utcnow()
        catalogue.by_id[registry_id] = dpg
    db.session.flush()
    for registry_id in [*report.created, *report.updated]:
        report.linked_suggestions += resolve_suggestions(catalogue.by_id[registry_id])
        index_dpg(catalogue.by_id[registry_id])
    return report


def _changes(dpg: Dpg, facts: dict, registry_id: str) -> list[str]:
    """The facts a record would change ([] when none)."""
    changed = [] if dpg.registry_id else ["registry id"]
    if dpg.registry_digest == digest(facts):
        return changed
    before = facts_of(dpg)
    return changed + [key for key in facts if facts[key] != before.get(key)]


# Paths under /dpgs/ that a DPG slug must never shadow.
RESERVED_SLUGS = frozenset({"new", "suggestions", "feed.atom"})


def unique_slug(wanted: str, taken: set[str]) -> str:
    """A slug no DPG has (nor a /dpgs/ page); it never changes afterwards."""
    base = slugify(wanted)
    taken = taken | RESERVED_SLUGS
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug
