"""Join-the-effort applications and the conversation on each one.

A visitor's application exists only once its e-mail address is confirmed: until
then everything it says travels in the signed link we mail (nothing is held).
`submission_key` is unique, so a form sent twice, or a link opened twice, makes
one application.
"""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.countries import country_name
from community.extensions import db
from community.organisations.models import Organisation
from community.organisations.roadmap_models import OBJECTIVES
from community.timezones import UTCDateTime, utcnow

APPLICATION_STATUSES = {
    "new": _l("New"),
    "needs_info": _l("Needs more information"),
    "approved": _l("Approved"),
    "declined": _l("Declined"),
}
OPEN_STATUSES = ("new", "needs_info")


class JoinApplication(db.Model):
    __tablename__ = "join_applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_key: Mapped[str] = mapped_column(String(64), unique=True)
    applicant_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    applicant_email: Mapped[str] = mapped_column(String(254), index=True)
    contact_name: Mapped[str] = mapped_column(String(120))
    contact_role: Mapped[str] = mapped_column(String(120), default="")
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL")
    )
    organisation_name: Mapped[str] = mapped_column(String(200))
    organisation_kind: Mapped[str] = mapped_column(String(30), default="other")
    organisation_country: Mapped[str] = mapped_column(String(2), default="")
    organisation_website: Mapped[str] = mapped_column(String(500), default="")
    what_it_does: Mapped[str] = mapped_column(Text, default="")
    objectives: Mapped[str] = mapped_column(String(200), default="")  # keys, spaces
    activity_ids: Mapped[str] = mapped_column(String(500), default="")  # ids, spaces
    proposed_activities: Mapped[str] = mapped_column(Text, default="")  # one a line
    dpgs: Mapped[str] = mapped_column(String(1000), default="")
    countries: Mapped[str] = mapped_column(String(500), default="")  # codes, spaces
    message_source: Mapped[str] = mapped_column(Text, default="")
    message_html: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="new", index=True)
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organisation: Mapped[Organisation | None] = relationship()
    applicant: Mapped["User | None"] = relationship()  # noqa: F821
    messages: Mapped[list["ApplicationMessage"]] = relationship(
        order_by="ApplicationMessage.id", cascade="all, delete-orphan"
    )

    @property
    def message(self) -> Markup:
        return Markup(self.message_html)  # noqa: S704 - sanitised on save

    @property
    def status_label(self) -> str:
        return str(APPLICATION_STATUSES.get(self.status, ""))

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def objective_keys(self) -> list[str]:
        return self.objectives.split()

    @property
    def proposed_titles(self) -> list[str]:
        return [
            line.strip()
            for line in self.proposed_activities.splitlines()
            if line.strip()
        ]

    @property
    def country_codes(self) -> list[str]:
        return self.countries.split()

    @property
    def objective_labels(self) -> list[str]:
        return [
            str(OBJECTIVES[key]) for key in self.objective_keys if key in OBJECTIVES
        ]

    @property
    def country_names(self) -> list[str]:
        return [country_name(code) for code in self.country_codes if country_name(code)]


class ApplicationMessage(db.Model):
    """Staff asking for more information, or the applicant answering."""

    __tablename__ = "application_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("join_applications.id", ondelete="CASCADE"), index=True
    )
    from_staff: Mapped[bool] = mapped_column(default=False)
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    author_name: Mapped[str] = mapped_column(String(120))
    body_source: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def body(self) -> Markup:
        return Markup(self.body_html)  # noqa: S704 - sanitised on save
