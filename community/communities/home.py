"""The communities block of the home page (a community.sections home_section).

Visitors see the communities with their purpose; a signed-in person sees *their*
communities first, then a few more to join. Only communities the viewer may read
are named, so a members-only community stays unknown to outsiders.
"""

from sqlalchemy import and_, select

from community.communities.models import Community, Membership
from community.communities.permissions import memberships_of, visible_communities
from community.extensions import db
from community.sections import home_section

OTHERS_SHOWN = 6
OWN_SHOWN = 24  # "See every community" covers the rare person in more


def own_communities(viewer) -> str:
    """What the block shows beyond the readable communities: one's own (a site
    admin reads every community but is a member of some)."""
    ids = sorted(
        community_id
        for community_id, found in memberships_of(viewer).items()
        if found.status == "active"
    )
    return ",".join(map(str, ids))


@home_section("communities/_home_section.html", order=5, shared=own_communities)
def home_communities(viewer) -> dict:
    """One query: readable communities, the viewer's own first, biggest first."""
    viewer_id = viewer.id if viewer.is_authenticated else None
    mine = and_(
        Membership.community_id == Community.id,
        Membership.user_id == viewer_id,
        Membership.status == "active",
    )
    rows = db.session.execute(
        select(Community, Membership.id)
        .outerjoin(Membership, mine)
        .where(Community.archived_at.is_(None), visible_communities(viewer))
        .order_by(
            Membership.id.is_(None), Community.member_count.desc(), Community.name
        )
        .limit(OWN_SHOWN + OTHERS_SHOWN)
    ).all()
    own = [community for community, member in rows if member is not None]
    others = [community for community, member in rows if member is None]
    return {
        "own_communities": own[:OWN_SHOWN],
        "other_communities": others[:OTHERS_SHOWN],
    }
