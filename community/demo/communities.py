"""Demo communities with their people: a step of `flask seed-demo`.

Idempotent: communities are fetched by slug and memberships by person, so a
second run adds nothing. Other features' demo steps rely on these slugs.
"""

from sqlalchemy import func, select

from community.communities.models import Community, Membership
from community.demo.users import demo_user
from community.extensions import db
from community.text import render_markdown
from community.timezones import utcnow

GOVSTACK = """\
GovStack is a shared set of **building-block specifications** (identity,
payments, registration, messaging, consent...) that governments reuse to build
digital services faster and without lock-in.

This is where implementers compare notes:

- how a ministry scoped its first building blocks and what it left out;
- test harnesses, API conformance and sandbox environments;
- procurement language that asks vendors for GovStack-compliant components.

Ask early, share drafts, and say which country or programme you work on: the
answer often depends on it.
"""

DPG_PMS = """\
For product managers and product owners of **digital public goods**: the people
who decide roadmaps for software that many governments deploy.

We talk about prioritising requests from dozens of implementing countries,
release and long-term support policies, funding the boring work (security,
documentation, translations), and measuring adoption honestly.

House rules: no sales pitches, share what failed as well as what worked.
"""

VENDORS = """\
A room for **vendors and system integrators** who deploy digital public goods
for governments: localisation, hosting, data migration, support contracts and
capacity building.

New members are approved by the moderators so that the room stays useful: tell
us briefly who you are and which deployments you work on when you ask to join.
"""

GOVERNMENT = """\
A **members-only peer group for civil servants** who run digital public
infrastructure programmes. What is said here stays here: budgets, negotiations
with vendors, political constraints and what went wrong.

Membership is limited to people employed by a government or public agency; the
moderators check requests before approving them.
"""

# slug, name, purpose, description, visibility, join policy
COMMUNITIES = [
    (
        "govstack",
        "GovStack",
        "Building blocks for digital government services, from spec to deployment.",
        GOVSTACK,
        "public",
        "open",
    ),
    (
        "dpg-product-managers",
        "DPG product managers",
        "Roadmaps, releases and adoption of digital public goods.",
        DPG_PMS,
        "public",
        "open",
    ),
    (
        "vendors-integrators",
        "Vendors & system integrators",
        "Deploying and supporting DPGs for governments, in practice.",
        VENDORS,
        "public",
        "approval",
    ),
    (
        "government-peers",
        "Government peer group",
        "A closed room for civil servants running DPI programmes.",
        GOVERNMENT,
        "members",
        "approval",
    ),
]

# slug -> [(username, role, status, request message)]
PEOPLE = {
    "govstack": [
        ("jonas", "moderator", "active", ""),
        ("amina", "organiser", "active", ""),
        ("ravi", "member", "active", ""),
        ("kwame", "member", "active", ""),
        ("fatou", "member", "active", ""),
        ("tomas", "member", "active", ""),
    ],
    "dpg-product-managers": [
        ("maya", "organiser", "active", ""),
        ("jonas", "moderator", "active", ""),
        ("lucia", "member", "active", ""),
        ("sofia", "member", "active", ""),
        ("fatou", "member", "active", ""),
    ],
    "vendors-integrators": [
        ("sofia", "moderator", "active", ""),
        ("kwame", "organiser", "active", ""),
        ("maya", "member", "active", ""),
        (
            "tomas",
            "member",
            "pending",
            "I research how integrators price DPG deployments in West Africa.",
        ),
    ],
    "government-peers": [
        ("amina", "moderator", "active", ""),
        ("ravi", "organiser", "active", ""),
        ("lucia", "member", "active", ""),
        (
            "kwame",
            "member",
            "pending",
            "I led the civil registration rollout for the Ghana Health Service "
            "before joining Accra Systems, and would like to learn from peers.",
        ),
    ],
}


def get_or_create_community(slug, name, purpose, description, visibility, policy):
    community = db.session.scalar(select(Community).where(Community.slug == slug))
    if community is not None:
        return community, False
    community = Community(
        slug=slug,
        name=name,
        purpose=purpose,
        description_source=description,
        description_html=str(render_markdown(description)),
        visibility=visibility,
        join_policy=policy,
        member_count=0,
    )
    db.session.add(community)
    db.session.flush()
    return community, True


def add_people(community: Community) -> int:
    existing = set(
        db.session.scalars(
            select(Membership.user_id).where(Membership.community_id == community.id)
        )
    )
    added = 0
    for username, role, status, message in PEOPLE.get(community.slug, []):
        person = demo_user(username)
        if person is None or person.id in existing:
            continue
        db.session.add(
            Membership(
                community_id=community.id,
                user_id=person.id,
                role=role,
                status=status,
                request_message=message,
                decided_at=utcnow() if status == "active" else None,
            )
        )
        added += 1
    db.session.flush()
    community.member_count = db.session.scalar(
        select(func.count(Membership.id)).where(
            Membership.community_id == community.id, Membership.status == "active"
        )
    )
    return added


def seed_communities() -> list[str]:
    """The four demo communities and their moderators, organisers and members."""
    lines = []
    for slug, *rest in COMMUNITIES:
        community, created = get_or_create_community(slug, *rest)
        added = add_people(community)
        if created or added:
            lines.append(f"  community {slug}: {added} memberships added")
    db.session.flush()
    return lines
