"""Demo data for `flask seed-demo`: idempotent, so running it twice adds nothing.

All demo data lives in this package, one module per feature. Each adds a step
(a function returning lines to print) to DEMO_STEPS, which runs in its order.
"""

from community.demo.admin import seed_admin_area
from community.demo.api import seed_api_tokens
from community.demo.communities import seed_communities
from community.demo.discussions import seed_discussions
from community.demo.events import seed_events
from community.demo.learnings import seed_lessons
from community.demo.notifications import seed_notifications
from community.demo.trust import seed_trust_levels
from community.demo.users import DEMO_PASSWORD, DEMO_USERS, demo_user, seed_users
from community.extensions import db

__all__ = ["DEMO_PASSWORD", "DEMO_STEPS", "demo_user", "seed_all"]


def seed_search_index() -> list[str]:
    """Demo content is made through services; rebuild the index once at the end."""
    from community.search.indexing import reindex_all

    counts = reindex_all()
    return ["  search index: " + ", ".join(f"{k} {v}" for k, v in counts.items())]


DEMO_STEPS = [
    seed_users,
    seed_trust_levels,
    seed_communities,
    seed_discussions,
    seed_events,
    seed_lessons,
    seed_notifications,
    seed_admin_area,
    seed_search_index,
    seed_api_tokens,
]


def seed_all() -> list[str]:
    lines = ["Seeding demo data..."]
    for step in DEMO_STEPS:
        lines.extend(step())
        db.session.commit()
    lines.append("")
    lines.append(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    for username, name, kind, _org, _country, _zone, role in DEMO_USERS:
        lines.append(f"  {username:<8} {name} ({kind}, site role {role})")
    return lines
