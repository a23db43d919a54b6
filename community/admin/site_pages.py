"""The five site pages: their stable addresses, default text, and saving edits."""

from dataclasses import dataclass
from functools import cache

from flask import current_app
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import select

from community import audit
from community.admin import page_texts
from community.admin.models import SitePage
from community.extensions import db
from community.text import render_markdown
from community.timezones import utcnow


@dataclass(frozen=True)
class PageKind:
    slug: str
    path: str  # a stable public URL: footers, mails and other sites link here
    title: object  # lazy string
    default: object


PAGES = {
    kind.slug: kind
    for kind in (
        PageKind("about", "/about", _l("About"), page_texts.ABOUT),
        PageKind(
            "code-of-conduct",
            "/code-of-conduct",
            _l("Code of conduct"),
            page_texts.CODE_OF_CONDUCT,
        ),
        PageKind("privacy", "/privacy", _l("Privacy notice"), page_texts.PRIVACY),
        PageKind(
            "accessibility",
            "/accessibility",
            _l("Accessibility statement"),
            page_texts.ACCESSIBILITY,
        ),
        PageKind("contact", "/contact", _l("Contact"), page_texts.CONTACT),
    )
}


@dataclass
class ShownPage:
    slug: str
    title: str
    body: Markup
    source: str
    updated_at: object  # None while the default text is shown


def default_source(slug: str) -> str:
    return str(PAGES[slug].default).replace("{site}", current_app.config["SITE_NAME"])


@cache
def _rendered(source: str) -> str:
    return str(render_markdown(source))


def stored_page(slug: str) -> SitePage | None:
    return db.session.scalar(select(SitePage).where(SitePage.slug == slug))


def page_for(slug: str) -> ShownPage:
    """The page as staff last saved it, or its default text."""
    row = stored_page(slug)
    if row is not None:
        return ShownPage(slug, row.title, row.body, row.body_source, row.updated_at)
    source = default_source(slug)
    body = Markup(_rendered(source))  # noqa: S704 - sanitised by render_markdown
    return ShownPage(slug, str(PAGES[slug].title), body, source, None)


def save_page(slug: str, actor, title: str, source: str, ip: str = "") -> SitePage:
    """Store new text (rendered once, here) and log who changed it."""
    row = stored_page(slug) or SitePage(slug=slug)
    db.session.add(row)
    row.title, row.body_source = title, source
    row.body_html = str(render_markdown(source))
    row.updated_at, row.updated_by_id = utcnow(), getattr(actor, "id", None)
    db.session.flush()
    audit.record(actor, "site_page.edit", row, f"{slug}: {title}", ip)
    return row
