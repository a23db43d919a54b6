"""Demo data for `flask seed-demo`: idempotent, so running it twice adds nothing.

Each feature adds a step (a function returning lines to print) to DEMO_STEPS.
"""

from sqlalchemy import select

from community.auth.models import User
from community.communities.demo import seed_communities
from community.discussions.demo import seed_discussions
from community.extensions import db
from community.learnings.demo import seed_lessons
from community.timezones import utcnow

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - demo accounts only

DEMO_USERS = [
    # username, display name, kind, organisation, country, time zone, site role
    ("admin", "Ada Admin", "other", "Community Hub", "GB", "Europe/London", "admin"),
    (
        "amina",
        "Amina Njoroge",
        "government",
        "Ministry of ICT",
        "KE",
        "Africa/Nairobi",
        "member",
    ),
    (
        "ravi",
        "Ravi Menon",
        "government",
        "State e-Governance Mission",
        "IN",
        "Asia/Kolkata",
        "member",
    ),
    (
        "lucia",
        "Lúcia Fernandes",
        "government",
        "Secretaria de Governo Digital",
        "BR",
        "America/Sao_Paulo",
        "member",
    ),
    (
        "jonas",
        "Jonas Weber",
        "dpg_team",
        "GovStack",
        "DE",
        "Europe/Berlin",
        "moderator",
    ),
    ("maya", "Maya Chen", "dpg_team", "OpenCRVS", "SG", "Asia/Singapore", "member"),
    (
        "kwame",
        "Kwame Mensah",
        "vendor",
        "Accra Systems Ltd",
        "GH",
        "Africa/Accra",
        "member",
    ),
    (
        "sofia",
        "Sofía Ramírez",
        "vendor",
        "Andes Integraciones",
        "CO",
        "America/Bogota",
        "member",
    ),
    (
        "fatou",
        "Fatou Diallo",
        "funder",
        "Digital Futures Fund",
        "SN",
        "Africa/Dakar",
        "member",
    ),
    (
        "tomas",
        "Tomás Novak",
        "other",
        "Independent researcher",
        "CZ",
        "Europe/Prague",
        "member",
    ),
]


def demo_user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username_key == username))


def seed_users() -> list[str]:
    lines = []
    for username, name, kind, organisation, country, zone, role in DEMO_USERS:
        if demo_user(username) is not None:
            continue
        user = User(
            email=f"{username}@demo.community.invalid",
            username=username,
            username_key=username,
            display_name=name,
            kind=kind,
            organisation=organisation,
            country=country,
            timezone=zone,
            site_role=role,
            is_editor=username in ("admin", "jonas", "maya"),
            email_confirmed_at=utcnow(),
            email_frequency="never",
        )
        user.set_password(DEMO_PASSWORD)
        db.session.add(user)
        lines.append(f"  created {username}")
    db.session.flush()
    return lines


def seed_trust_levels() -> list[str]:
    from community.trust.demo import seed_trust_levels as step

    return step()


def seed_events() -> list[str]:
    from community.events.demo import seed_events as step

    return step()


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
    seed_search_index,
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
