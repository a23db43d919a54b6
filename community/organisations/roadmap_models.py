"""The activity roadmap: five objectives, their activities, links and updates.

The objectives are fixed by the Alliance's strategy, so they are constants, not
rows. An activity that is not published is a draft only staff see (approved
applications propose drafts).
"""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.organisations.models import Organisation
from community.timezones import UTCDateTime, utcnow

OBJECTIVES = {
    "discoverable": _l("Discoverable and accessible DPGs"),
    "sustainable": _l("Sustainably funded and managed DPGs"),
    "knowledge": _l("Knowledge and networks"),
    "local_capacity": _l("Local vendor capacity"),
    "resources": _l("Resources and funding"),
}
ACTIVITY_STATUSES = {
    "planned": _l("Planned"),
    "ongoing": _l("Ongoing"),
    "done": _l("Done"),
}
ORGANISATION_ROLES = {"lead": _l("Lead"), "partner": _l("Partner")}
# What an activity links to: (target_type) -> the table its id names.
LINK_TYPES = ("dpg", "community", "event", "lesson")


class RoadmapActivity(db.Model):
    __tablename__ = "roadmap_activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    objective: Mapped[str] = mapped_column(String(30), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description_source: Mapped[str] = mapped_column(Text, default="")
    description_html: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="planned")
    is_published: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organisations: Mapped[list["ActivityOrganisation"]] = relationship(
        back_populates="activity",
        cascade="all, delete-orphan",
        order_by="ActivityOrganisation.role",
    )

    @property
    def description(self) -> Markup:
        return Markup(self.description_html)  # noqa: S704 - sanitised on save

    @property
    def status_label(self) -> str:
        return str(ACTIVITY_STATUSES.get(self.status, ""))

    @property
    def objective_label(self) -> str:
        return str(OBJECTIVES.get(self.objective, ""))

    @property
    def leads(self) -> list[Organisation]:
        return [o.organisation for o in self.organisations if o.role == "lead"]

    @property
    def partners(self) -> list[Organisation]:
        return [o.organisation for o in self.organisations if o.role == "partner"]


class ActivityOrganisation(db.Model):
    __tablename__ = "activity_organisations"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("roadmap_activities.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    )
    role: Mapped[str] = mapped_column(String(20), default="lead")

    activity: Mapped[RoadmapActivity] = relationship(back_populates="organisations")
    organisation: Mapped[Organisation] = relationship(lazy="joined")


class ActivityLink(db.Model):
    """An activity's link to a DPG, community, event or lesson (by id)."""

    __tablename__ = "activity_links"
    __table_args__ = (UniqueConstraint("activity_id", "target_type", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("roadmap_activities.id", ondelete="CASCADE"), index=True
    )
    target_type: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int] = mapped_column(index=True)


class ActivityUpdate(db.Model):
    __tablename__ = "activity_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("roadmap_activities.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    author_name: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200))
    body_source: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def body(self) -> Markup:
        return Markup(self.body_html)  # noqa: S704 - sanitised on save
