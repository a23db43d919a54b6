"""The current listing as JSON or CSV: published lessons only, filters applied.

One record shape for both formats, documented in docs/lessons-export.md; its
SCHEMA_VERSION changes when a field is renamed or removed (adding one does not).
Each record carries the published version's text (Markdown source and plain
text), its licence and the version's permanent address.

CSV opens in spreadsheets, so it starts with a UTF-8 byte-order mark (Excel
otherwise guesses the wrong encoding) and cells that a spreadsheet would run
as a formula are prefixed with an apostrophe.
"""

import csv
import io
import json

from sqlalchemy.orm import contains_eager

from community.extensions import db
from community.learnings.facets import LessonQuery, Published, search
from community.learnings.models import SECTIONS, STRUCTURED_FIELDS, Lesson
from community.text import stored_html_text

SCHEMA_VERSION = "2"
MAX_ROWS = 5000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = (
    "slug",
    "url",
    "version_url",
    "title",
    "summary",
    "pilot_name",
    "countries",
    "regions",
    "sector",
    "stage",
    "year",
    "dpgs",
    "authors",
    "organisation",
    "evidence_links",
    "version",
    "status",
    "published_at",
    *STRUCTURED_FIELDS,  # licence, outcome, cost, duration
    "licence_url",
    "building_blocks",
    "sdgs",
    *(f"{prefix}_{form}" for prefix, _ in SECTIONS for form in ("markdown", "text")),
    "schema_version",
)


def exported_lessons(viewer, query: LessonQuery) -> list[Lesson]:
    """Every published lesson of the listing (no pages), capped for safety."""
    tags = contains_eager(Lesson.published_version.of_type(Published)).selectinload(
        Published.tags
    )
    statement = search(viewer, query).options(tags).limit(MAX_ROWS)
    return list(db.session.scalars(statement))


def lesson_record(lesson: Lesson, url: str, version_url: str) -> dict:
    version = lesson.published_version
    record = {
        "slug": lesson.slug,
        "url": url,
        "version_url": version_url,
        "title": version.title,
        "summary": version.summary,
        "pilot_name": version.pilot_name,
        "countries": [country.code for country in version.countries],
        "regions": version.regions,
        "sector": version.sector,
        "stage": version.stage,
        "year": version.year,
        "dpgs": [dpg.name for dpg in version.dpgs],
        "authors": version.authors,
        "organisation": version.organisation,
        "evidence_links": version.links,
        "version": version.number,
        "status": lesson.status,
        "published_at": lesson.published_at.isoformat() if lesson.published_at else "",
        **{name: getattr(version, name) for name in STRUCTURED_FIELDS},
        "licence_url": version.licence_url,
        "building_blocks": version.tag_values("block"),
        "sdgs": [int(value) for value in version.tag_values("sdg")],
        "schema_version": SCHEMA_VERSION,
    }
    for prefix, _heading in SECTIONS:
        record[f"{prefix}_markdown"] = version.section_source(prefix)
        record[f"{prefix}_text"] = stored_html_text(getattr(version, f"{prefix}_html"))
    return record


def to_json(records: list[dict]) -> str:
    body = {"schema_version": SCHEMA_VERSION, "count": len(records), "lessons": records}
    return json.dumps(body, ensure_ascii=False)


def neutralise(value) -> str:
    """A cell a spreadsheet shows as text, never evaluates."""
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(records: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in records:
        writer.writerow([neutralise(record[column]) for column in COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")
