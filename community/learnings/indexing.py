"""Published lessons in the site search: the published version only, never drafts.

review.publish calls index_lesson in the same transaction, so a revision under
review stays out of search until it is published. Archived lessons stay
readable and so stay searchable.
"""

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from community.countries import country_name
from community.extensions import db
from community.learnings.models import SECTIONS, Lesson, LessonVersion
from community.search.indexing import index_document, reindexer
from community.text import plain_text

KIND = "lesson"


def document_of(lesson: Lesson) -> dict:
    """The keyword arguments of index_document for a published lesson."""
    version = lesson.published_version
    places = [country_name(country.code) for country in version.countries]
    parts = [
        version.summary,
        version.pilot_name,
        ", ".join(places + version.regions),
        ", ".join(dpg.name for dpg in version.dpgs),
        version.sector_label,
        version.authors,
        version.organisation,
        *(plain_text(version.section_source(prefix)) for prefix, _ in SECTIONS),
    ]
    return {
        "object_id": lesson.id,
        "title": version.title,
        "body": "\n\n".join(part for part in parts if part),
        "url": f"/learnings/{lesson.slug}",
        "community_id": lesson.community_id,
        "happened_at": lesson.published_at,
        "author_id": lesson.author_id,
    }


def index_lesson(lesson: Lesson) -> None:
    """Put (or replace) the lesson's published version in the search index."""
    if lesson.published_version is not None:
        index_document(KIND, **document_of(lesson))


@reindexer(KIND)
def every_published_lesson() -> Iterator[dict]:
    """Every lesson with a published version, for `flask search reindex`."""
    version = selectinload(Lesson.published_version)
    lessons = db.session.scalars(
        select(Lesson)
        .where(Lesson.published_version_id.is_not(None))
        .options(
            version.selectinload(LessonVersion.countries),
            version.selectinload(LessonVersion.dpgs),
        )
    )
    for lesson in lessons:
        yield document_of(lesson)
