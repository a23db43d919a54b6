"""Lessons from pathfinding pilots: the lesson, its versions and review comments.

A lesson keeps two pointers: the last published version (what the public reads)
and the working version (a draft or a proposed revision under review), so a
revision can be reviewed while readers keep seeing the published text.
"""

import hashlib
import json
from datetime import datetime

from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.auth.models import User
from community.communities.models import Community
from community.countries import country_name
from community.extensions import db
from community.timezones import UTCDateTime, utcnow

SECTORS = {
    "identity": _l("Identity"),
    "payments": _l("Payments"),
    "data-exchange": _l("Data exchange"),
    "civil-registration": _l("Civil registration"),
    "health": _l("Health"),
    "education": _l("Education"),
    "agriculture": _l("Agriculture"),
    "social-protection": _l("Social protection"),
    "other": _l("Other"),
}
STAGES = {
    "idea": _l("Idea"),
    "pilot": _l("Pilot"),
    "scaling": _l("Scaling"),
    "national-rollout": _l("National rollout"),
}
STATUSES = {
    "draft": _l("Draft"),
    "in_review": _l("In review"),
    "sent_back": _l("Sent back"),
    "published": _l("Published"),
    "archived": _l("Archived"),
}
# Plain fields copied as they are between the form, versions and revisions.
PLAIN_FIELDS = (
    "title",
    "summary",
    "pilot_name",
    "sector",
    "stage",
    "year",
    "authors",
    "organisation",
    "evidence_links",
    "change_note",
    "language",  # community/content_languages.py
)
# (column prefix, heading) for the four Markdown sections, in reading order.
SECTIONS = (
    ("context", "Context"),
    ("done", _l("What was done")),
    ("learned", _l("What we learned")),
    ("recommendations", "Recommendations"),
)


class LessonCountry(db.Model):
    """A country a version is about; the region is kept for facet counts."""

    __tablename__ = "lesson_version_countries"

    version_id: Mapped[int] = mapped_column(
        ForeignKey("lesson_versions.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(2), primary_key=True, index=True)
    region: Mapped[str] = mapped_column(String(40), index=True)

    @property
    def name(self) -> str:
        return country_name(self.code)


class Lesson(db.Model):
    __tablename__ = "lessons"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(90), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    community_id: Mapped[int | None] = mapped_column(
        ForeignKey("communities.id", ondelete="SET NULL"), index=True
    )
    published_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("lesson_versions.id", use_alter=True, ondelete="SET NULL")
    )
    working_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("lesson_versions.id", use_alter=True, ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    first_published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    author: Mapped[User | None] = relationship()
    community: Mapped[Community | None] = relationship()
    published_version: Mapped["LessonVersion | None"] = relationship(
        foreign_keys=[published_version_id], post_update=True
    )
    working_version: Mapped["LessonVersion | None"] = relationship(
        foreign_keys=[working_version_id], post_update=True
    )

    @property
    def is_public(self) -> bool:
        return self.published_version_id is not None

    @property
    def is_archived(self) -> bool:
        return self.status == "archived"

    @property
    def status_label(self) -> str:
        return str(STATUSES.get(self.status, self.status))

    @property
    def current(self) -> "LessonVersion":
        """The version to show: published if any, else the working draft."""
        return self.published_version or self.working_version

    def __repr__(self) -> str:
        return f"<Lesson {self.slug} {self.status}>"


class LessonVersion(db.Model):
    __tablename__ = "lesson_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(
        ForeignKey("lessons.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(default=1)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(300))
    pilot_name: Mapped[str] = mapped_column(String(200))
    sector: Mapped[str] = mapped_column(String(30), index=True)
    stage: Mapped[str] = mapped_column(String(30), index=True)
    year: Mapped[int] = mapped_column(index=True)
    authors: Mapped[str] = mapped_column(String(300))  # names as cited
    organisation: Mapped[str] = mapped_column(String(200))
    evidence_links: Mapped[str] = mapped_column(Text, default="")  # one URL a line
    change_note: Mapped[str] = mapped_column(String(300), default="")
    # The community this version puts the lesson in: it becomes the lesson's
    # only when the version is published, so moving goes through review.
    community_id: Mapped[int | None] = mapped_column(
        ForeignKey("communities.id", ondelete="SET NULL")
    )
    context_source: Mapped[str] = mapped_column(Text, default="")
    context_html: Mapped[str] = mapped_column(Text, default="")
    done_source: Mapped[str] = mapped_column(Text, default="")
    done_html: Mapped[str] = mapped_column(Text, default="")
    learned_source: Mapped[str] = mapped_column(Text, default="")
    learned_html: Mapped[str] = mapped_column(Text, default="")
    recommendations_source: Mapped[str] = mapped_column(Text, default="")
    recommendations_html: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    published_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    # The language the text is written in (community/content_languages.py).
    language: Mapped[str] = mapped_column(String(8), default="", server_default="")

    lesson: Mapped[Lesson] = relationship(foreign_keys=[lesson_id])
    countries: Mapped[list[LessonCountry]] = relationship(
        cascade="all, delete-orphan", order_by=LessonCountry.code
    )
    # The catalogue's goods this version names (community/dpgs/linking.py).
    dpgs: Mapped[list["Dpg"]] = relationship(  # noqa: F821
        secondary="lesson_version_dpgs", order_by="Dpg.name"
    )
    published_by: Mapped[User | None] = relationship(foreign_keys=[published_by_id])
    community: Mapped[Community | None] = relationship()

    @property
    def sector_label(self) -> str:
        return str(SECTORS.get(self.sector, self.sector))

    @property
    def stage_label(self) -> str:
        return str(STAGES.get(self.stage, self.stage))

    @property
    def links(self) -> list[str]:
        return [line for line in self.evidence_links.splitlines() if line.strip()]

    @property
    def regions(self) -> list[str]:
        return sorted({country.region for country in self.countries})

    def section_html(self, prefix: str) -> Markup:
        # Sanitised by render_markdown when the version was saved.
        return Markup(getattr(self, f"{prefix}_html"))  # noqa: S704

    def section_source(self, prefix: str) -> str:
        return getattr(self, f"{prefix}_source")

    @property
    def digest(self) -> str:
        """A fingerprint of everything a reviewer reads, to bind a decision to it."""
        content = {name: getattr(self, name) for name in PLAIN_FIELDS}
        content["community_id"] = self.community_id
        content["sections"] = [self.section_source(prefix) for prefix, _ in SECTIONS]
        content["countries"] = sorted(country.code for country in self.countries)
        content["dpgs"] = sorted(dpg.slug for dpg in self.dpgs)
        encoded = json.dumps(content, sort_keys=True, default=str).encode()
        return hashlib.sha256(encoded).hexdigest()[:32]


class ReviewComment(db.Model):
    """An editor's note on a version, shown to the author on the draft."""

    __tablename__ = "lesson_review_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(
        ForeignKey("lessons.id", ondelete="CASCADE"), index=True
    )
    version_id: Mapped[int | None] = mapped_column(
        ForeignKey("lesson_versions.id", ondelete="CASCADE")
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    author_name: Mapped[str] = mapped_column(String(80))
    body_source: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def body(self) -> Markup:
        return Markup(self.body_html)  # noqa: S704 - sanitised on save
