"""Benchmark seeder for the DPG catalogue: registry-sized (165 goods), each
deployed in up to 60 countries, and linked from lessons, threads and events
(skewed towards the ten well-known goods, as real use is), so /dpgs/<slug> and
/map are measured on full data."""

from sqlalchemy import select

from bench.content import DPGS
from bench.seeding import SeedContext, seeder

REGISTRY_SIZE = 165
SECTORS = ("Health", "Education", "Climate", "Agriculture", "Digital/Data/Tech")
LICENCES = ("Apache-2.0", "MIT", "GPL-3.0", "MPL-2.0", "AGPL-3.0")


def country_codes(ctx: SeedContext) -> list[str]:
    """Every ISO country (the migration seeds them; create_all does not)."""
    from community.countries import countries

    table = ctx.metadata.tables["countries"]
    present = set(ctx.connection.scalars(select(table.c.code)))
    missing = [
        {"code": code, "name": name}
        for code, name in countries().items()
        if code not in present
    ]
    ctx.insert("countries", missing)
    return sorted(countries())


def dpg_row(ctx: SeedContext, number: int, name: str, deployed: int) -> dict:
    slug = name.lower().replace(" ", "-")
    return {
        "id": number,
        "slug": slug,
        "name": name,
        "registry_id": slug,
        "aliases": [],
        "description": f"{name}: a digital public good (benchmark data).",
        "website": f"https://{slug}.example.org",
        "stage": "DPG",
        "repositories": [{"name": "main", "url": f"https://example.org/{slug}.git"}],
        "organisations": [
            {"name": f"{name} Foundation", "role": "owner", "website": ""}
        ],
        "notes_source": "",
        "notes_html": "",
        "registry_digest": "",
        "deployment_count": deployed,
        "imported_at": ctx.now,
        "created_at": ctx.now,
        "updated_at": ctx.now,
    }


def links(ctx: SeedContext, table: str, column: str, share: int) -> int:
    """Link one in `share` rows of a table to one or two goods, mostly famous ones."""
    source = ctx.metadata.tables[table]
    ids = list(ctx.connection.scalars(select(source.c.id).order_by(source.c.id)))
    rows = []
    for item in ids[::share]:
        chosen = {ctx.rng.randint(1, len(DPGS))}
        if ctx.rng.random() < 0.3:
            chosen.add(ctx.rng.randint(1, REGISTRY_SIZE))
        rows += [{column: item, "dpg_id": dpg} for dpg in sorted(chosen)]
    link_table = {"lesson_versions": "lesson_version_dpgs"}.get(
        table, f"{table[:-1]}_dpgs"
    )
    return ctx.insert(link_table, rows)


@seeder(
    "dpgs",
    "dpgs",
    "dpg_facets",
    "dpg_countries",
    "countries",
    "lesson_versions",
    "lesson_version_dpgs",
    "threads",
    "thread_dpgs",
    "events",
    "event_dpgs",
)
def seed_dpgs(ctx: SeedContext) -> int:
    codes = country_codes(ctx)
    names = list(DPGS) + [f"Public Good {n}" for n in range(len(DPGS) + 1, 166)]
    dpgs, facets, places = [], [], []
    for number, name in enumerate(names, start=1):
        deployed = ctx.rng.sample(
            codes, 60 if number <= len(DPGS) else ctx.rng.randint(0, 25)
        )
        dpgs.append(dpg_row(ctx, number, name, len(deployed)))
        places += [
            {"dpg_id": number, "country_code": c, "kind": "deployment"}
            for c in deployed
        ]
        facets += [
            {"dpg_id": number, "facet": "sector", "value": ctx.rng.choice(SECTORS)},
            {"dpg_id": number, "facet": "licence", "value": ctx.rng.choice(LICENCES)},
            {"dpg_id": number, "facet": "type", "value": "software"},
        ]
        facets += [
            {"dpg_id": number, "facet": "sdg", "value": str(sdg)}
            for sdg in ctx.rng.sample(range(1, 18), 2)
        ]
    ctx.insert("dpgs", dpgs)
    ctx.insert("dpg_facets", facets)
    ctx.insert("dpg_countries", places)
    linked = links(ctx, "lesson_versions", "version_id", 1)
    linked += links(ctx, "threads", "thread_id", 10)
    linked += links(ctx, "events", "event_id", 10)
    ctx.targets["dpg_slug"] = "mosip"
    return len(dpgs) + len(places) + linked
