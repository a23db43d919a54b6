"""Citing a published version: plain text, BibTeX and CSL-JSON.

Every form points at the version's permanent address (/learnings/<slug>/v/<n>),
which keeps showing that text after later revisions are published.
"""

import json
import re

from flask import current_app, url_for
from flask_babel import gettext as _

from community.dates import format_local_value
from community.learnings.models import Lesson, LessonVersion
from community.timezones import utcnow

# BibTeX treats these as markup; escaped so a title cannot break the entry.
BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


def version_url(lesson: Lesson, version: LessonVersion) -> str:
    """The permanent address of one version (a contract URL)."""
    return url_for(
        "learnings.show_version",
        slug=lesson.slug,
        number=version.number,
        _external=True,
    )


def plain_citation(lesson: Lesson, version: LessonVersion) -> str:
    """Authors (organisation). Year. “Title”. Site. Version n. URL. Accessed …"""
    accessed = format_local_value(utcnow(), "%-d %B %Y")
    return (
        f"{version.authors} ({version.organisation}). {version.year}. "
        f"“{version.title}”. {current_app.config['SITE_NAME']}. "
        + _("Version %(number)s.", number=version.number)
        + f" {version.licence_label}. {version_url(lesson, version)}. "
        + _("Accessed %(date)s.", date=accessed)
    )


def _bibtex_value(text: str) -> str:
    return BIBTEX_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def bibtex(lesson: Lesson, version: LessonVersion) -> str:
    """A @misc entry; the key is stable (slug and version)."""
    key = re.sub(r"[^A-Za-z0-9]+", "_", f"{lesson.slug}_v{version.number}")
    fields = {
        "author": version.authors,
        "title": version.title,
        "howpublished": current_app.config["SITE_NAME"],
        "organization": version.organisation,
        "year": str(version.year),
        "version": str(version.number),
        "url": version_url(lesson, version),
        "note": version.licence_label,
    }
    lines = [
        f"  {name} = {{{_bibtex_value(value)}}}," for name, value in fields.items()
    ]
    return "@misc{" + key + ",\n" + "\n".join(lines) + "\n}\n"


def csl_record(lesson: Lesson, version: LessonVersion) -> dict:
    """One CSL-JSON item (citeproc, Zotero): type "report"."""
    published = version.published_at or lesson.published_at
    record = {
        "id": f"{lesson.slug}-v{version.number}",
        "type": "report",
        "title": version.title,
        "author": [{"literal": version.authors}],
        "publisher": current_app.config["SITE_NAME"],
        "authority": version.organisation,
        "issued": {"date-parts": [[version.year]]},
        "version": str(version.number),
        "URL": version_url(lesson, version),
        "abstract": version.summary,
        "license": version.licence_url or version.licence,
    }
    if published is not None:
        day = [published.year, published.month, published.day]
        record["available-date"] = {"date-parts": [day]}
    return record


def csl_json(lesson: Lesson, version: LessonVersion) -> str:
    return json.dumps([csl_record(lesson, version)], ensure_ascii=False, indent=2)
