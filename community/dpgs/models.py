"""Digital public goods (the DPG Registry's records), countries, and the links
from lessons, threads and events to the goods they are about.

List-valued registry facts that people filter by (sectors, SDGs, licences,
types) live in `dpg_facets`, one row per value, so both databases filter and
count them with plain indexed SQL; facts only shown (repositories,
organisations, aliases) stay JSON on the record.
"""

from datetime import datetime

from markupsafe import Markup
from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.timezones import UTCDateTime, utcnow

FACETS = ("sector", "sdg", "licence", "type")
COUNTRY_KINDS = ("deployment", "development")


def sorted_values(facet: str, values: list[str]) -> list[str]:
    """A facet's values in their one order: SDGs by number, others as text."""
    if facet == "sdg":
        return sorted(values, key=lambda value: (len(value), value))
    return sorted(values)


class Country(db.Model):
    """An ISO 3166-1 country, keyed by its alpha-2 code."""

    __tablename__ = "countries"

    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))

    def __repr__(self) -> str:
        return f"<Country {self.code}>"


class Dpg(db.Model):
    """A digital public good: the registry's facts plus the community's notes."""

    __tablename__ = "dpgs"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(150))
    # The registry's own id (its URL slug); None for goods not in the registry.
    registry_id: Mapped[str | None] = mapped_column(String(150), unique=True)
    aliases: Mapped[list] = mapped_column(JSON, default=list)
    description: Mapped[str] = mapped_column(Text, default="")  # plain, escaped
    website: Mapped[str] = mapped_column(String(500), default="")
    stage: Mapped[str] = mapped_column(String(40), default="", index=True)
    repositories: Mapped[list] = mapped_column(JSON, default=list)  # [{name, url}]
    # [{name, role, website}]: plain names; organisation records live elsewhere.
    organisations: Mapped[list] = mapped_column(JSON, default=list)
    notes_source: Mapped[str] = mapped_column(Text, default="")
    notes_html: Mapped[str] = mapped_column(Text, default="")  # render_markdown
    # A fingerprint of the registry facts last imported: an import of the same
    # record changes nothing, a newer one says what changed.
    registry_digest: Mapped[str] = mapped_column(String(64), default="")
    deployment_count: Mapped[int] = mapped_column(default=0, index=True)
    imported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )

    facets: Mapped[list["DpgFacet"]] = relationship(
        cascade="all, delete-orphan", order_by="(DpgFacet.facet, DpgFacet.value)"
    )
    countries: Mapped[list["DpgCountry"]] = relationship(
        cascade="all, delete-orphan", order_by="DpgCountry.country_code"
    )

    @property
    def in_registry(self) -> bool:
        return self.registry_id is not None

    @property
    def notes(self) -> Markup:
        return Markup(self.notes_html)  # noqa: S704 - sanitised on save

    def facet_values(self, facet: str) -> list[str]:
        return sorted_values(
            facet, [row.value for row in self.facets if row.facet == facet]
        )

    def country_codes(self, kind: str) -> list[str]:
        return [row.country_code for row in self.countries if row.kind == kind]

    def __repr__(self) -> str:
        return f"<Dpg {self.slug}>"


class DpgFacet(db.Model):
    """One filterable value of a DPG: a sector, an SDG number, a licence, a type."""

    __tablename__ = "dpg_facets"
    __table_args__ = (Index("ix_dpg_facets_value", "facet", "value"),)

    dpg_id: Mapped[int] = mapped_column(
        ForeignKey("dpgs.id", ondelete="CASCADE"), primary_key=True
    )
    facet: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[str] = mapped_column(String(150), primary_key=True)


class DpgCountry(db.Model):
    """A country a DPG is deployed in or developed in, as the registry says."""

    __tablename__ = "dpg_countries"
    __table_args__ = (Index("ix_dpg_countries_country", "country_code", "kind"),)

    dpg_id: Mapped[int] = mapped_column(
        ForeignKey("dpgs.id", ondelete="CASCADE"), primary_key=True
    )
    country_code: Mapped[str] = mapped_column(
        ForeignKey("countries.code", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)

    country: Mapped[Country] = relationship(lazy="joined")


class DpgSuggestion(db.Model):
    """A DPG name someone gave that the catalogue does not have, for staff to
    add (or map onto an existing good); never created silently."""

    __tablename__ = "dpg_suggestions"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(150))
    name_key: Mapped[str] = mapped_column(String(150), index=True)  # lowercased
    # Where it was asked for: "lesson_version", "thread", "event" (+ the row id).
    source_kind: Mapped[str] = mapped_column(String(20), default="")
    source_id: Mapped[int | None]
    suggested_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    dpg_id: Mapped[int | None] = mapped_column(
        ForeignKey("dpgs.id", ondelete="SET NULL")
    )


def _link_table(name: str, column: str, target: str) -> Table:
    return Table(
        name,
        db.metadata,
        Column(
            column,
            Integer,
            ForeignKey(f"{target}.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column(
            "dpg_id",
            Integer,
            ForeignKey("dpgs.id", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        ),
    )


# A lesson names DPGs per version (they go through review with the text).
lesson_version_dpgs = _link_table(
    "lesson_version_dpgs", "version_id", "lesson_versions"
)
thread_dpgs = _link_table("thread_dpgs", "thread_id", "threads")
event_dpgs = _link_table("event_dpgs", "event_id", "events")
