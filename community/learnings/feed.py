"""An Atom 1.0 feed (RFC 4287) of newly published lessons."""

from datetime import datetime
from xml.etree import ElementTree

from community.extensions import db
from community.learnings.facets import listing_loads, published_lessons
from community.learnings.models import Lesson
from community.learnings.permissions import lesson_visibility
from community.timezones import utcnow

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 30


def newest_lessons(viewer, limit: int = FEED_SIZE) -> list[Lesson]:
    """Published, not archived, readable by the viewer; newest first."""
    statement = (
        published_lessons()
        .where(Lesson.status != "archived", lesson_visibility(viewer))
        .order_by(Lesson.published_at.desc(), Lesson.id.desc())
        .limit(limit)
        .options(*listing_loads())
    )
    return list(db.session.scalars(statement))


def _stamp(value: datetime | None) -> str:
    return (value or utcnow()).strftime("%Y-%m-%dT%H:%M:%SZ")


def _add(parent, tag: str, text: str | None = None, **attributes):
    element = ElementTree.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def atom_feed(
    lessons: list[Lesson], site_name: str, feed_url: str, page_url: str, link_for
) -> bytes:
    """The feed document; link_for(lesson) gives each lesson's absolute URL."""
    feed = ElementTree.Element("feed", {"xmlns": ATOM})
    _add(feed, "id", feed_url)
    _add(feed, "title", f"{site_name}: pilot lessons")
    newest = max((lesson.published_at for lesson in lessons), default=None)
    _add(feed, "updated", _stamp(newest))
    _add(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    _add(feed, "link", rel="alternate", type="text/html", href=page_url)
    _add(_add(feed, "author"), "name", site_name)
    for lesson in lessons:
        version = lesson.published_version
        entry = _add(feed, "entry")
        _add(entry, "id", link_for(lesson))
        _add(entry, "title", version.title)
        _add(entry, "updated", _stamp(lesson.published_at))
        _add(entry, "published", _stamp(lesson.first_published_at))
        _add(entry, "link", rel="alternate", type="text/html", href=link_for(lesson))
        _add(_add(entry, "author"), "name", version.authors or site_name)
        _add(entry, "summary", version.summary, type="text")
        for tag in version.dpg_tags:
            _add(entry, "category", term=tag.name)
    body = ElementTree.tostring(feed, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body).encode("utf-8")
