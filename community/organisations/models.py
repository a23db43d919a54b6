"""Organisations, the people who say they work there, and their DPGs.

An affiliation is a claim until a manager of the organisation (or staff)
confirms it; only a confirmed one earns the verified badge. The badge's
organisation is kept on the user row (users.verified_organisation_id) so that
every list of names shows it without a query per name.
"""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.auth.models import User
from community.countries import country_name
from community.dpgs.models import Dpg
from community.extensions import db
from community.timezones import UTCDateTime, utcnow

KINDS = {
    "government": _l("Government ministry or agency"),
    "multilateral": _l("Multilateral or UN agency"),
    "funder": _l("Funder"),
    "dpg_owner": _l("DPG owner"),
    "vendor": _l("Vendor or system integrator"),
    "technical_assistance": _l("Technical-assistance provider"),
    "civil_society": _l("Civil society"),
    "academic": _l("Academic"),
    "other": _l("Other"),
}
AFFILIATION_ROLES = {"member": _l("Works there"), "manager": _l("Manages its page")}
AFFILIATION_STATUSES = ("pending", "confirmed")
DPG_RELATIONS = {
    "owns": _l("Owns"),
    "funds": _l("Funds"),
    "implements": _l("Implements"),
}


class Organisation(db.Model):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # Lowercased name: "Ministry of ICT" and "ministry of ict" are one organisation.
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str] = mapped_column(String(60), default="")
    kind: Mapped[str] = mapped_column(String(30), default="other")
    country_code: Mapped[str | None] = mapped_column(
        ForeignKey("countries.code", ondelete="SET NULL"), index=True
    )
    website: Mapped[str] = mapped_column(String(500), default="")
    description_source: Mapped[str] = mapped_column(Text, default="")
    description_html: Mapped[str] = mapped_column(Text, default="")
    logo_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    roadmap_member_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def description(self) -> Markup:
        return Markup(self.description_html)  # noqa: S704 - sanitised on save

    @property
    def kind_label(self) -> str:
        return str(KINDS.get(self.kind, KINDS["other"]))

    @property
    def country_name(self) -> str:
        return country_name(self.country_code)

    @property
    def is_government(self) -> bool:
        return self.kind == "government"

    @property
    def is_roadmap_member(self) -> bool:
        return self.roadmap_member_since is not None

    @property
    def has_logo(self) -> bool:
        return self.logo_updated_at is not None

    def __repr__(self) -> str:
        return f"<Organisation {self.slug}>"


class OrganisationLogo(db.Model):
    """The re-encoded logo, apart from the organisation row so lists never load it."""

    __tablename__ = "organisation_logos"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True
    )
    image: Mapped[bytes] = mapped_column(LargeBinary)
    mimetype: Mapped[str] = mapped_column(String(40), default="image/png")


class Affiliation(db.Model):
    __tablename__ = "affiliations"
    # One claim per person and organisation: two clicks make one row.
    __table_args__ = (UniqueConstraint("user_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20), default="member")
    status: Mapped[str] = mapped_column(String(20), default="pending")
    shown_on_page: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confirmed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    organisation: Mapped[Organisation] = relationship()

    @property
    def is_confirmed(self) -> bool:
        return self.status == "confirmed"

    @property
    def is_manager(self) -> bool:
        return self.is_confirmed and self.role == "manager"

    @property
    def role_label(self) -> str:
        return str(AFFILIATION_ROLES.get(self.role, AFFILIATION_ROLES["member"]))


class OrganisationDpg(db.Model):
    """An organisation owns, funds or implements a DPG."""

    __tablename__ = "organisation_dpgs"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True
    )
    dpg_id: Mapped[int] = mapped_column(
        ForeignKey("dpgs.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    relation: Mapped[str] = mapped_column(String(20), primary_key=True)

    dpg: Mapped[Dpg] = relationship(lazy="joined")
    organisation: Mapped[Organisation] = relationship()

    @property
    def relation_label(self) -> str:
        return str(DPG_RELATIONS.get(self.relation, ""))


# The badge beside every name: one extra query per page of names (selectin),
# none when nobody on the page is verified. Declared here, beside Organisation,
# because auth must not import this package.
User.verified_organisation = relationship(
    Organisation, lazy="selectin", foreign_keys=[User.verified_organisation_id]
)
