"""Who may look at and decide on held posts."""

from community.communities.models import Community
from community.communities.permissions import can_moderate, can_see_content


def can_review_held_posts(user, community: Community) -> bool:
    """The community's moderators, who may also read its content.

    A held post is members-only content when its community is: a site moderator
    who is not a member moderates there but does not read it.
    """
    return can_moderate(user, community) and can_see_content(user, community)


def trust_level_of(user) -> str:
    """The person's trust level by name (for their settings page)."""
    from community.trust.levels import effective_level, level_name

    return level_name(effective_level(user))


TEMPLATE_PREDICATES = {
    "can_review_held_posts": can_review_held_posts,
    "trust_level_of": trust_level_of,
}
