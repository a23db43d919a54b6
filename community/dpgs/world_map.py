"""The world map of /map: shapes shipped with the code (built once by
scripts/build_world_map.py from Natural Earth data) shaded by a measure.

Shading is in six steps on a logarithmic scale, so a country with a few
deployments still stands apart from one with none.
"""

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import func, select

from community.countries import country_name
from community.dpgs.measures import MEASURES, measure
from community.dpgs.models import Dpg, DpgFacet
from community.extensions import db

SHAPES = Path(__file__).parent / "data" / "world_map.json"
STEPS = 5


@cache
def shapes() -> dict:
    return json.loads(SHAPES.read_text())


def step(value: int, largest: int) -> int:
    """0 for nothing, else 1..STEPS on a log scale up to the largest value."""
    if value <= 0 or largest <= 0:
        return 0
    if largest == 1:
        return STEPS
    return max(1, math.ceil(STEPS * math.log1p(value) / math.log1p(largest)))


@dataclass
class Shape:
    code: str
    name: str
    value: int
    step: int
    path: str


def shaded(counts: dict[str, int]) -> list[Shape]:
    """Every shape with its country's value and shade."""
    largest = max(counts.values(), default=0)
    return [
        Shape(
            code,
            country_name(code) or code,
            counts.get(code, 0),
            step(counts.get(code, 0), largest),
            path,
        )
        for code, path in shapes()["countries"].items()
    ]


def legend(counts: dict[str, int]) -> list[tuple[int, int, int]]:
    """(shade, lowest, highest) for each shade some value falls in."""
    largest = max(counts.values(), default=0)
    ranges: dict[int, list[int]] = {}
    for value in counts.values():
        if value > 0:
            found = ranges.setdefault(step(value, largest), [value, value])
            found[0], found[1] = min(found[0], value), max(found[1], value)
    return [(shade, low, high) for shade, (low, high) in sorted(ranges.items())]


def map_page(viewer, args) -> dict:
    """Everything /map shows for ?measure=, ?dpg= and ?sector= (four queries)."""
    chosen = args.get("measure", "deployments")
    chosen = chosen if chosen in MEASURES else "deployments"
    dpgs = db.session.execute(
        select(Dpg.id, Dpg.slug, Dpg.name).order_by(func.lower(Dpg.name))
    ).all()
    wanted = args.get("dpg", "").strip()[:100]
    dpg = next((row for row in dpgs if row.slug == wanted), None)
    sectors = db.session.scalars(
        select(DpgFacet.value)
        .where(DpgFacet.facet == "sector")
        .distinct()
        .order_by(DpgFacet.value)
    ).all()
    sector = args.get("sector", "").strip()[:150]
    sector = sector if sector in sectors else ""
    counts = measure(viewer, chosen, dpg.id if dpg else None, sector)
    table = sorted(
        (
            (country_name(code) or code, code, value)
            for code, value in counts.items()
            if value
        ),
        key=lambda row: (-row[2], row[0]),
    )
    return {
        "measures": MEASURES,
        "measure": chosen,
        "dpg": dpg,
        "dpgs": dpgs,
        "sector": sector,
        "sectors": sectors,
        "shapes": shaded(counts),
        "map": shapes(),
        "legend": legend(counts),
        "table": table,
    }
