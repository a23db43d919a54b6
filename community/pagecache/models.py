"""The content versions visitors' cached pages are keyed by (one row per scope).

- SITE: every cached page; bumped by writes that are not about one community
  (people, organisations, DPGs, lessons, bulk statements...).
- LISTS: the site-wide lists (home, the community list, the library); bumped by
  every visible write, since a list shows every community's news.
- EVENTS: the event lists (the agenda, the month view); bumped by writes to
  events, their dates and communities (names, visibility), not by a reply.
- SEARCH: search results (with SITE and LISTS); bumped by every write to the
  search index and its "did you mean" vocabulary.
- community_scope(id): one community's own pages (its page, its threads);
  bumped by writes to its threads, posts, members, events and itself.
"""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from community.extensions import db

SITE = "site"
LISTS = "lists"
EVENTS = "events"
SEARCH = "search"
COMMUNITY_PREFIX = "c:"


def community_scope(community_id: int) -> str:
    return f"{COMMUNITY_PREFIX}{community_id}"


class CacheVersion(db.Model):
    __tablename__ = "cache_versions"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[int] = mapped_column(default=0)
