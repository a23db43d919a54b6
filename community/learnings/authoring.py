"""Writing lessons: new drafts, edits to the working version, revisions."""

import re
import unicodedata
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import select

from community.auth.models import User
from community.countries import country_region
from community.dpgs import linking
from community.extensions import db
from community.learnings.models import (
    PLAIN_FIELDS,
    SECTIONS,
    Lesson,
    LessonCountry,
    LessonVersion,
)
from community.learnings.permissions import can_edit_lesson
from community.text import render_markdown

# Paths under /learnings/ that a lesson slug must never shadow.
RESERVED_SLUGS = frozenset({"new", "mine", "review", "feed", "export"})


@dataclass
class LessonFields:
    """What an author fills in, already validated by the form."""

    title: str
    summary: str
    pilot_name: str
    sector: str
    stage: str
    year: int
    authors: str
    organisation: str
    countries: list[str] = field(default_factory=list)
    dpgs: list[str] = field(default_factory=list)  # names, matched to the catalogue
    evidence_links: str = ""
    change_note: str = ""
    community_id: int | None = None
    sections: dict[str, str] = field(default_factory=dict)
    # Set by name_dpgs: the names in `dpgs` the catalogue does not have.
    unknown_dpgs: list[str] = field(default_factory=list)
    # The language the lesson is written in (community/content_languages.py).
    language: str = ""


class AuthoringError(Exception):
    """The lesson cannot be changed in its current state."""


def slugify(title: str) -> str:
    ascii_title = (
        unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    )
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:80].rstrip("-") or "lesson"


def unique_slug(title: str) -> str:
    """A slug no lesson has; it never changes afterwards, so links stay valid."""
    base = slugify(title)
    taken = set(
        db.session.scalars(
            select(Lesson.slug).where(
                (Lesson.slug == base) | Lesson.slug.like(f"{base}-%")
            )
        )
    )
    taken |= RESERVED_SLUGS
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def fill_version(version: LessonVersion, fields: LessonFields) -> None:
    """Copy the fields onto a version, rendering the Markdown sections once."""
    for name in PLAIN_FIELDS:
        setattr(version, name, getattr(fields, name))
    version.community_id = fields.community_id
    for prefix, _heading in SECTIONS:
        source = fields.sections.get(prefix, "")
        setattr(version, f"{prefix}_source", source)
        setattr(version, f"{prefix}_html", str(render_markdown(source)))
    codes = list(dict.fromkeys(code.upper() for code in fields.countries))
    existing = {country.code: country for country in version.countries}
    version.countries = [
        existing.get(code) or LessonCountry(code=code, region=country_region(code))
        for code in codes
    ]


def name_dpgs(author: User, version: LessonVersion, fields: LessonFields) -> None:
    """Link the catalogue's goods; names it lacks wait for staff (on `fields`)."""
    fields.unknown_dpgs = linking.set_dpgs(
        version, "lesson_version", fields.dpgs, author
    )


def create_lesson(author: User, fields: LessonFields) -> Lesson:
    """A new draft, visible to its author and editors only."""
    lesson = Lesson(
        slug=unique_slug(fields.title),
        status="draft",
        author_id=author.id,
        community_id=fields.community_id,
    )
    db.session.add(lesson)
    db.session.flush()
    version = LessonVersion(lesson_id=lesson.id, number=1, created_by_id=author.id)
    fill_version(version, fields)
    db.session.add(version)
    name_dpgs(author, version, fields)
    lesson.working_version = version
    db.session.flush()
    return lesson


def update_draft(author: User, lesson: Lesson, fields: LessonFields) -> None:
    """Change the working version (a draft, or a revision sent back)."""
    if not can_edit_lesson(author, lesson):
        raise AuthoringError(
            _(
                "This lesson is not a draft any more (it was submitted, "
                "published or archived meanwhile), so it cannot be edited "
                "now."
            )
        )
    fill_version(lesson.working_version, fields)
    name_dpgs(author, lesson.working_version, fields)
    if not lesson.is_public:
        # Never published: nobody but its author and editors reads it yet. A
        # published lesson moves only when an editor publishes this version.
        lesson.community_id = fields.community_id
    db.session.flush()


def fields_of(version: LessonVersion, community_id: int | None) -> LessonFields:
    """A version's content as fields, to start a revision from."""
    return LessonFields(
        **{name: getattr(version, name) for name in PLAIN_FIELDS},
        countries=[country.code for country in version.countries],
        dpgs=[dpg.name for dpg in version.dpgs],
        community_id=community_id,
        sections={prefix: version.section_source(prefix) for prefix, _ in SECTIONS},
    )
