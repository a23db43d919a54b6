"""Who is in a community: leaders, the member directory, requests and bans.

Each function is one query that loads the people it lists (no lazy loads).
"""

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import contains_eager

from community.auth.models import User
from community.communities.models import Community, Membership
from community.extensions import db

# Moderators first, then organisers, then members; by name within a role.
ROLE_ORDER = {"moderator": 0, "organiser": 1, "member": 2}


def people(community: Community, *statuses: str) -> Select:
    """Memberships in some statuses with their users loaded in the same query."""
    return (
        select(Membership)
        .join(Membership.user)
        .options(contains_eager(Membership.user))
        .where(Membership.community_id == community.id, Membership.status.in_(statuses))
    )


def leaders(community: Community) -> list[Membership]:
    """Active moderators and organisers, moderators first."""
    # The block shows no verified badge: skip that selectin query.
    query = (
        people(community, "active")
        .where(Membership.role.in_(("moderator", "organiser")))
        .options(contains_eager(Membership.user).noload(User.verified_organisation))
    )
    rows = list(db.session.scalars(query.order_by(User.display_name)))
    return sorted(rows, key=lambda row: ROLE_ORDER[row.role])


def members_query(community: Community, kind: str = "", country: str = "") -> Select:
    """Active members, optionally of one kind and one country, for paginate()."""
    query = people(community, "active")
    if kind:
        query = query.where(User.kind == kind)
    if country:
        query = query.where(User.country == country)
    role_rank = case(ROLE_ORDER, value=Membership.role, else_=3)
    return query.order_by(role_rank, User.display_name, User.id)


def member_countries(community: Community) -> list[str]:
    """Country codes of the active members, for the directory's filter."""
    query = (
        select(User.country)
        .join(Membership, Membership.user_id == User.id)
        .where(
            Membership.community_id == community.id,
            Membership.status == "active",
            User.country.is_not(None),
        )
        .distinct()
    )
    return list(db.session.scalars(query))


def pending_requests(community: Community) -> list[Membership]:
    """Requests waiting for a decision, oldest first."""
    query = people(community, "pending").order_by(Membership.created_at, Membership.id)
    return list(db.session.scalars(query))


def pending_count(community: Community) -> int:
    """How many requests wait, for the moderators' badge."""
    return db.session.scalar(
        select(func.count(Membership.id)).where(
            Membership.community_id == community.id, Membership.status == "pending"
        )
    )


def banned_members(community: Community) -> list[Membership]:
    """People banned from the community, for the moderators to review."""
    query = people(community, "banned").order_by(User.display_name)
    return list(db.session.scalars(query))
