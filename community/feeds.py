"""Every feed's two halves: one Atom builder and one conditional response.

Feed readers and calendar clients poll all day. `conditional_response` names
the version of a feed from a small summary of its data (the latest change, the
ids), answers 304 when the client already holds that version, and only then
builds the body. Atom (RFC 4287) documents come from `atom_feed`, for every
feed that is Atom; calendars (RFC 5545) are built in events/ical.py.
"""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.etree import ElementTree

from flask import Response, request
from werkzeug.http import is_resource_modified

from community.i18n import current_language
from community.timezones import utcnow

ATOM = "http://www.w3.org/2005/Atom"
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def conditional_response(
    version: str,
    last_modified: datetime | None,
    build: Callable[[], bytes | str | Response],
    mimetype: str,
    public: bool,
    headers: dict | None = None,
) -> Response:
    """The body, or 304 when the client's copy (ETag / date) is `version`.

    `public=False` keeps members-only and personal feeds out of shared caches.
    Feed names and descriptions are translated, so the ETag names the page's
    language too: a copy in one language is never "current" in another.
    """
    last_modified = (last_modified or EPOCH).replace(microsecond=0)
    tagged = f"{version}|{current_language()}"
    etag = hashlib.sha256(tagged.encode()).hexdigest()[:32]
    headers = {
        "Cache-Control": f"{'public' if public else 'private'}, max-age=300",
        **(headers or {}),
    }
    if client_has(etag, last_modified):
        response = Response(status=304, headers=headers)
    else:
        body = build()  # bytes, or a whole response (a cached, gzipped body)
        if not isinstance(body, Response):
            body = Response(body, mimetype=mimetype)
        response = body
        response.headers.update(headers)
    # A body sent gzipped is another representation: name it as Flask-Compress
    # does (client_has reads both names back).
    gzipped = response.headers.get("Content-Encoding") == "gzip"
    response.set_etag(f"{etag}:gzip" if gzipped else etag)
    response.last_modified = last_modified
    # The language comes from the header, the ?lang= link or the lang cookie.
    response.vary.update(("Accept-Language", "Cookie"))
    return response


def client_has(etag: str, last_modified: datetime) -> bool:
    """The client's copy is current. Flask-Compress sends gzip bodies with the ETag
    "<etag>:gzip", which clients send back: it names the same version, so answer
    304 before building the body (not after, when Flask-Compress would)."""
    return any(
        not is_resource_modified(request.environ, etag=tag, last_modified=last_modified)
        for tag in (etag, f"{etag}:gzip")
    )


@dataclass
class AtomEntry:
    """One entry; `content_html` is our own sanitised HTML, `summary` plain text."""

    id: str
    title: str
    url: str
    updated: datetime | None
    published: datetime | None = None
    author: str = ""
    summary: str | None = None
    content_html: str | None = None
    categories: list[str] = field(default_factory=list)


def _stamp(value: datetime | None) -> str:
    return (value or utcnow()).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _add(parent, tag: str, text: str | None = None, **attributes):
    element = ElementTree.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def atom_feed(
    *,
    feed_id: str,
    title: str,
    self_url: str,
    page_url: str,
    author: str,
    entries: Iterable[AtomEntry],
    subtitle: str | None = None,
) -> bytes:
    """An Atom 1.0 document; ElementTree escapes every text and attribute."""
    entries = list(entries)
    feed = ElementTree.Element("feed", {"xmlns": ATOM})
    _add(feed, "id", feed_id)
    _add(feed, "title", title)
    if subtitle:
        _add(feed, "subtitle", subtitle)
    newest = max((e.updated for e in entries if e.updated), default=None)
    _add(feed, "updated", _stamp(newest))
    _add(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _add(feed, "link", rel="alternate", type="text/html", href=page_url)
    _add(_add(feed, "author"), "name", author)
    _add(feed, "generator", author)
    for item in entries:
        entry = _add(feed, "entry")
        _add(entry, "id", item.id)
        _add(entry, "title", item.title)
        _add(entry, "updated", _stamp(item.updated))
        if item.published is not None:
            _add(entry, "published", _stamp(item.published))
        _add(entry, "link", rel="alternate", type="text/html", href=item.url)
        _add(_add(entry, "author"), "name", item.author or author)
        for term in item.categories:
            _add(entry, "category", term=term)
        if item.summary is not None:
            _add(entry, "summary", item.summary, type="text")
        if item.content_html is not None:
            _add(entry, "content", item.content_html, type="html")
    body = ElementTree.tostring(feed, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body).encode("utf-8")


def atom_response(version: str, build: Callable[[], bytes], public: bool, updated):
    """An Atom feed through the conditional response."""
    return conditional_response(
        version, updated, build, "application/atom+xml", public=public
    )
