"""Build community/dpgs/data/world_map.json, the country shapes of /map, once.

Input: the npm package world-atlas (Natural Earth, public domain; ISC-licensed
packaging), fetched with the ordinary npm client:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_world_map.py package/countries-50m.json

It decodes the TopoJSON, projects it (Equal Earth), simplifies every shared
border once (Douglas-Peucker, so neighbours still meet), drops islands too small
to see (but never a country's largest piece, so small island states stay on the
map as specks), rounds to whole pixels and writes one SVG path per ISO 3166-1
alpha-2 code. Shapes without an ISO code (Kosovo, Northern Cyprus, Somaliland)
are kept as unlinked background. Antarctica is left out to keep the map short.
"""

import json
import math
import sys
from pathlib import Path

import pycountry

WIDTH = 960
TOLERANCE = 0.25  # degrees: about 0.7 pixels at the equator
MIN_AREA = 4.0  # square pixels, for all but a country's largest ring
SOUTH = -58.0  # latitude where the map is cut (Antarctica left out)
OUT = Path(__file__).resolve().parent.parent / "community/dpgs/data/world_map.json"

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


X_MAX = equal_earth(180, 0)[0]
SCALE = WIDTH / (2 * X_MAX)
TOP = equal_earth(0, 84)[1]
BOTTOM = equal_earth(0, SOUTH)[1]
HEIGHT = round((TOP - BOTTOM) * SCALE)


def to_pixels(lon: float, lat: float) -> tuple[float, float]:
    x, y = equal_earth(lon, max(lat, SOUTH))
    return (x + X_MAX) * SCALE, (TOP - y) * SCALE


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc as (longitude, latitude) points."""
    (sx, sy), (tx, ty) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def projected(ring: list) -> list:
    """A ring in pixels; one that crosses the antimeridian (Chukotka, Fiji, the
    Aleutians) is moved whole to the eastern side instead of spanning the map."""
    longitudes = [lon for lon, _lat in ring]
    if max(longitudes) - min(longitudes) > 180:
        ring = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in ring]
    return [to_pixels(lon, lat) for lon, lat in ring]


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker, iterative; the two ends are always kept."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        worst, index = -1.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = math.hypot(px - ax, py - ay)
            else:
                distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if distance > worst:
                worst, index = distance, i
        if index is not None and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def ring_points(ring: list[int], arcs: list) -> list:
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def area(points: list) -> float:
    return (
        abs(
            sum(
                x1 * y2 - x2 * y1
                for (x1, y1), (x2, y2) in zip(
                    points, points[1:] + points[:1], strict=True
                )
            )
        )
        / 2
    )


def path_data(rings: list[list]) -> str:
    """Relative moves in whole pixels: the shortest SVG path text."""
    parts = []
    cx = cy = 0
    for ring in rings:
        rounded = []
        for x, y in ring:
            point = (round(x), round(y))
            if not rounded or point != rounded[-1]:
                rounded.append(point)
        if len(rounded) > 1 and rounded[0] == rounded[-1]:
            rounded.pop()
        if len(rounded) < 3:
            rounded = rounded[:1] + [
                (rounded[0][0] + 1, rounded[0][1]),
                (rounded[0][0] + 1, rounded[0][1] + 1),
            ]
        x0, y0 = rounded[0]
        text = f"m{x0 - cx},{y0 - cy}"
        px, py = x0, y0
        steps = []
        for x, y in rounded[1:]:
            steps.append(f"{x - px},{y - py}")
            px, py = x, y
        text += "l" + " ".join(steps) + "z"
        cx, cy = x0, y0  # after z the pen is back at the ring's start
        parts.append(text)
    body = "".join(parts)
    return "M" + body[1:] if body.startswith("m") else body


def country_code(geometry: dict) -> str | None:
    number = geometry.get("id")
    if number is None:
        return None
    country = pycountry.countries.get(numeric=str(number).zfill(3))
    return country.alpha_2 if country else None


def build(source: Path) -> dict:
    topology = json.loads(source.read_text())
    arcs = [simplify(arc, TOLERANCE) for arc in decode_arcs(topology)]
    shapes: dict[str, str] = {}
    background: list[str] = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = country_code(geometry)
        if code == "AQ":
            continue
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = [
            projected(ring_points(ring, arcs))
            for polygon in polygons
            for ring in polygon
        ]
        rings = [ring for ring in rings if len(ring) > 1]
        if not rings:
            continue
        largest = max(rings, key=area)
        kept = [ring for ring in rings if ring is largest or area(ring) >= MIN_AREA]
        data = path_data(kept)
        if code:
            shapes[code] = shapes.get(code, "") + data
        else:
            background.append(data)
    return {
        "source": f"world-atlas {source.name} (Natural Earth), Equal Earth projection",
        "width": WIDTH,
        "height": HEIGHT,
        "countries": dict(sorted(shapes.items())),
        "background": background,
    }


if __name__ == "__main__":
    result = build(Path(sys.argv[1]))
    OUT.write_text(json.dumps(result, separators=(",", ":")) + "\n")
    print(f"{OUT}: {len(result['countries'])} countries, {OUT.stat().st_size} bytes")
