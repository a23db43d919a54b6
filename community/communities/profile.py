"""The "Communities" block on profile pages (a community.sections profile_section).

It lists only communities whose content the viewer may read, so membership of
a members-only community is not revealed to people outside it.
"""

from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from community.auth.models import User
from community.communities.models import Community, Membership
from community.communities.permissions import visible_communities
from community.extensions import db
from community.sections import profile_section


@profile_section("communities/_profile_communities.html", order=10)
def profile_communities(viewer, person: User) -> dict:
    """The person's active memberships the viewer may know about, by name."""
    query = (
        select(Membership)
        .join(Membership.community)
        .options(contains_eager(Membership.community))
        .where(
            Membership.user_id == person.id,
            Membership.status == "active",
            Community.archived_at.is_(None),
            visible_communities(viewer),
        )
        .order_by(Community.name)
    )
    return {"profile_memberships": db.session.scalars(query).all()}
