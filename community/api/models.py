"""Personal access tokens, webhooks and their deliveries."""

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from community.extensions import db
from community.timezones import UTCDateTime, utcnow

SCOPES = ("read", "write")


class ApiToken(db.Model):
    """A personal access token: only its SHA-256 is kept, the token is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(80))
    scopes: Mapped[str] = mapped_column(String(40), default="read")  # space-separated
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The first characters, shown in settings so people can tell tokens apart.
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped["User"] = relationship()  # noqa: F821

    @property
    def scope_set(self) -> set[str]:
        return set(self.scopes.split())

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class Webhook(db.Model):
    """An HTTPS endpoint a community moderator registered for the community's news."""

    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("communities.id", ondelete="CASCADE"), index=True
    )
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(String(500))
    secret: Mapped[str] = mapped_column(String(64))  # HMAC key, shown to its owner
    events: Mapped[str] = mapped_column(String(300))  # space-separated event names
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    failure_count: Mapped[int] = mapped_column(Integer, default=0)  # in a row
    disabled_reason: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    community: Mapped["Community"] = relationship()  # noqa: F821
    owner: Mapped["User"] = relationship()  # noqa: F821

    @property
    def event_set(self) -> set[str]:
        return set(self.events.split())


class WebhookDelivery(db.Model):
    """One event sent (or to be sent) to one webhook, with its last attempt."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index("ix_webhook_deliveries_hook", "webhook_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    webhook_id: Mapped[int] = mapped_column(
        ForeignKey("webhooks.id", ondelete="CASCADE")
    )
    event: Mapped[str] = mapped_column(String(40))
    body: Mapped[str] = mapped_column(Text)  # the exact JSON bytes that are signed
    # pending, delivered, failed (will retry), given_up, skipped (owner may not read)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    response_status: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    webhook: Mapped[Webhook] = relationship()
