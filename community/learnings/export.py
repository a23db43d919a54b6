"""The current listing as JSON or CSV: published lessons only, filters applied.

CSV opens in spreadsheets, so it starts with a UTF-8 byte-order mark (Excel
otherwise guesses the wrong encoding) and cells that a spreadsheet would run
as a formula are prefixed with an apostrophe.
"""

import csv
import io
import json

from community.extensions import db
from community.learnings.facets import LessonQuery, search
from community.learnings.models import Lesson

MAX_ROWS = 5000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = (
    "slug",
    "url",
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
)


def exported_lessons(viewer, query: LessonQuery) -> list[Lesson]:
    """Every published lesson of the listing (no pages), capped for safety."""
    return list(db.session.scalars(search(viewer, query).limit(MAX_ROWS)))


def lesson_record(lesson: Lesson, url: str) -> dict:
    version = lesson.published_version
    return {
        "slug": lesson.slug,
        "url": url,
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
    }


def to_json(records: list[dict]) -> str:
    return json.dumps({"lessons": records, "count": len(records)}, ensure_ascii=False)


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
