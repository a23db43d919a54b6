"""The content version visitors' cached pages are keyed by (one row per scope)."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from community.extensions import db

SITE = "site"  # the one scope today: any visible write renews every page


class CacheVersion(db.Model):
    __tablename__ = "cache_versions"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(default=0)
