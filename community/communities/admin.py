"""Site admins create, edit, archive and unarchive communities.

The slug is fixed at creation: links and calendar subscriptions use it, and
the public URLs must never break. Descriptions are rendered once, on save.
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from community import audit
from community.auth.models import User
from community.communities.models import Community, Membership
from community.extensions import db
from community.notifications.subscriptions import drop_outside_watchers
from community.text import render_markdown
from community.timezones import utcnow

# First path segments under /c/ that a slug must not take, now or later.
RESERVED_SLUGS = frozenset(
    {
        "new",
        "edit",
        "archive",
        "archived",
        "admin",
        "api",
        "feed",
        "events",
        "members",
        "requests",
        "join",
        "leave",
        "search",
        "static",
        "settings",
        "calendar",
    }
)


class CommunityRefused(ValueError):
    """An admin change the rules refuse; str() is said to the admin."""


@dataclass
class CommunityValues:
    name: str
    purpose: str
    description: str
    visibility: str
    join_policy: str
    allows_post_removal: bool = True


def slug_taken(slug: str) -> bool:
    return (
        db.session.scalar(select(Community.id).where(Community.slug == slug))
        is not None
    )


def slug_problem(slug: str) -> str | None:
    """Why a well-shaped slug cannot be used, or None."""
    if slug in RESERVED_SLUGS:
        return _(
            "“%(slug)s” is reserved for the site's own pages. Choose another slug.",
            slug=slug,
        )
    if slug_taken(slug):
        return _(
            "Another community already uses “%(slug)s”. Choose another slug.", slug=slug
        )
    return None


def apply_values(community: Community, values: CommunityValues) -> None:
    community.name = values.name
    community.purpose = values.purpose
    community.description_source = values.description
    community.description_html = str(render_markdown(values.description))
    community.visibility = values.visibility
    community.join_policy = values.join_policy
    community.allows_post_removal = values.allows_post_removal


def create_community(
    actor: User,
    slug: str,
    values: CommunityValues,
    first_moderator: User | None = None,
    ip: str = "",
) -> Community:
    """A new community; the first moderator, if given, joins as moderator."""
    problem = slug_problem(slug)
    if problem:
        raise CommunityRefused(problem)
    community = Community(slug=slug, member_count=0)
    apply_values(community, values)
    db.session.add(community)
    db.session.flush()
    if first_moderator is not None:
        db.session.add(
            Membership(
                community_id=community.id,
                user_id=first_moderator.id,
                role="moderator",
                status="active",
                decided_at=utcnow(),
                decided_by_id=actor.id,
            )
        )
        community.member_count = 1
    audit.record(actor, "community.created", community, f"slug={slug}", ip)
    db.session.flush()
    return community


def update_community(
    actor: User, community: Community, values: CommunityValues, ip: str = ""
) -> Community:
    """Change a community's texts and policies (not its slug)."""
    became_private = community.is_public and values.visibility != "public"
    changes = [
        name
        for name in (
            "name",
            "purpose",
            "visibility",
            "join_policy",
            "allows_post_removal",
        )
        if getattr(community, name) != getattr(values, name)
    ]
    if community.description_source != values.description:
        changes.append("description")
    apply_values(community, values)
    if became_private:
        drop_outside_watchers(community)
    audit.record(actor, "community.edited", community, ", ".join(changes), ip)
    db.session.flush()
    return community


def archive(actor: User, community: Community, ip: str = "") -> None:
    """Make a community read-only and list it apart."""
    if community.is_archived:
        raise CommunityRefused(_("%(name)s is already archived.", name=community.name))
    community.archived_at = utcnow()
    audit.record(actor, "community.archived", community, "", ip)
    db.session.flush()


def unarchive(actor: User, community: Community, ip: str = "") -> None:
    """Open an archived community again."""
    if not community.is_archived:
        raise CommunityRefused(_("%(name)s is not archived.", name=community.name))
    community.archived_at = None
    audit.record(actor, "community.unarchived", community, "", ip)
    db.session.flush()
