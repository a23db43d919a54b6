"""People and their accounts."""

import secrets
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from markupsafe import Markup
from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, validates
from werkzeug.security import check_password_hash, generate_password_hash

from community.extensions import db
from community.timezones import UTCDateTime, utcnow

KINDS = {
    "government": _l("Government"),
    "vendor": _l("Vendor / system integrator"),
    "dpg_team": _l("DPG team"),
    "funder": _l("Funder"),
    "other": _l("Other"),
}
SITE_ROLES = ("member", "moderator", "admin")
EMAIL_FREQUENCIES = {
    "immediately": _l("Immediately"),
    "daily": _l("Daily digest"),
    "weekly": _l("Weekly digest"),
    "never": _l("Never"),
}


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class User(UserMixin, db.Model):
    __tablename__ = "users"
    # No RETURNING of server defaults on INSERT: calendar_only_going stays
    # deferred until read (every other default is set in Python too).
    __mapper_args__ = {"eager_defaults": False}

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)  # stored lowercased
    username: Mapped[str] = mapped_column(String(30))
    # Uniqueness is case-insensitive: "Amina" and "amina" are one name.
    username_key: Mapped[str] = mapped_column(String(30), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    organisation: Mapped[str] = mapped_column(String(120), default="")
    # ISO 3166-1 alpha-2 (the countries table); None when not given.
    country: Mapped[str | None] = mapped_column(
        ForeignKey("countries.code", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20), default="other")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    # A code of config LANGUAGES, or "" until the person chooses (the browser decides).
    language: Mapped[str] = mapped_column(String(8), default="", server_default="")
    # Free text shown on the profile: "English, Kiswahili"; "identity, payments".
    spoken_languages: Mapped[str] = mapped_column(
        String(200), default="", server_default=""
    )
    expertise: Mapped[str] = mapped_column(String(300), default="", server_default="")
    bio_source: Mapped[str] = mapped_column(Text, default="")
    bio_html: Mapped[str] = mapped_column(Text, default="")
    site_role: Mapped[str] = mapped_column(String(20), default="member")
    is_editor: Mapped[bool] = mapped_column(Boolean, default=False)
    password_hash: Mapped[str] = mapped_column(String(255))
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    pending_email: Mapped[str | None] = mapped_column(String(254))
    email_frequency: Mapped[str] = mapped_column(String(20), default="immediately")
    # A hard bounce stops all mail to the address until it is confirmed again.
    email_bounced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    calendar_token: Mapped[str] = mapped_column(
        String(64), unique=True, default=new_calendar_token
    )
    # The personal feed holds only the events they go to, not their communities'
    # (the feed's address stays the same: subscriptions depend on it). Deferred
    # and set by the server: only the feed and the settings page read it, and a
    # new account's INSERT leaves it out (migration tests build users on older
    # schemas).
    calendar_only_going: Mapped[bool] = mapped_column(
        Boolean, server_default=false(), deferred=True
    )
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_counter: Mapped[int | None] = mapped_column(BigInteger)
    two_factor_enabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    suspended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    suspended_reason: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Stamped into every session and remember cookie (through get_id); raising it
    # ends every copy of every cookie this account holds (auth/session.py).
    session_generation: Mapped[int] = mapped_column(
        Integer, default=0, server_default="0"
    )
    # The highest trust level reached (community/trust/levels.py): 0 new, 1 basic,
    # 2 member, 3 regular. Raised by activity, never lowered automatically.
    trust_level: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The organisation of the person's confirmed affiliation, for the verified
    # badge beside their name (kept by community/organisations/affiliations.py,
    # whose models add the `verified_organisation` relationship).
    verified_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL")
    )

    def set_password(self, password: str) -> None:
        self.password_hash = generate_password_hash(password, method="scrypt")

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @validates("country")
    def _country_code(self, _key, value: str | None) -> str | None:
        # Forms send "" for "not given": stored as NULL, so the foreign key holds.
        return (value or "").strip().upper() or None

    @property
    def bio(self) -> Markup:
        return Markup(self.bio_html)  # noqa: S704 - sanitised by render_markdown on save

    @property
    def expertise_topics(self) -> list[str]:
        return [topic.strip() for topic in self.expertise.split(",") if topic.strip()]

    @property
    def is_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    @property
    def can_receive_mail(self) -> bool:
        return self.email_confirmed_at is not None and self.email_bounced_at is None

    @property
    def has_two_factor(self) -> bool:
        return self.two_factor_enabled_at is not None

    @property
    def is_suspended(self) -> bool:
        return self.suspended_at is not None

    @property
    def is_admin(self) -> bool:
        return self.site_role == "admin"

    @property
    def is_site_moderator(self) -> bool:
        return self.site_role in ("moderator", "admin")

    @property
    def is_staff(self) -> bool:
        return self.site_role in ("moderator", "admin") or self.is_editor

    @property
    def kind_label(self) -> str:
        return str(KINDS.get(self.kind, KINDS["other"]))

    def __repr__(self) -> str:
        return f"<User {self.username}>"

    def get_id(self) -> str:
        # The session names the password and the session generation too, so
        # changing the password or ending all sessions ends other sessions.
        return f"{self.id}:{self.password_hash[-12:]}:{self.session_generation or 0}"
