"""Who may do what in a community: the one place these rules live.

Predicates take the user first (anonymous allowed), return bool and never abort.
They read the person's memberships once per request (see memberships_of).

Visibility decisions (documented here so every feature answers the same way):

- A community itself is never secret: its name and purpose appear on /c/ for
  everyone. So a members-only community's page (/c/<slug>) and its member pages
  answer a non-member with **403 and an explanation page** (name, purpose, how to
  ask to join, or "your request is pending" / "you were banned") instead of 404.
- Everything *inside* a members-only community (threads, posts, events, lessons,
  feeds) answers a non-member with **404**, so its existence does not leak.
  Use can_see_content(user, community) and visible_communities(user) for that.
- Only active members and site admins read members-only content. Site
  moderators moderate every community (requests, roles, bans) but do not read
  members-only content unless they are members.
- A suspended account is logged out on its next request (auth/session.py), so
  over HTTP it is treated as anonymous; the predicates refuse it as well.
- Archived communities are read-only: nobody joins, posts, organises or changes
  roles there; site admins may still edit or unarchive them.
"""

from flask import abort, current_app, g, has_request_context
from flask_babel import gettext as _
from sqlalchemy import ColumnElement, false, or_, select, true

from community.communities.models import Community, Membership
from community.extensions import db


def memberships_of(user) -> dict[int, Membership]:
    """The person's memberships by community id, loaded once per request."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cache = g.setdefault("_memberships", {}) if has_request_context() else {}
    if user.id not in cache:
        rows = db.session.scalars(
            select(Membership).where(Membership.user_id == user.id)
        )
        cache[user.id] = {row.community_id: row for row in rows}
    return cache[user.id]


def forget_memberships() -> None:
    """Drop the per-request cache after a membership changes."""
    if has_request_context():
        g.pop("_memberships", None)


def membership(user, community: Community) -> Membership | None:
    return memberships_of(user).get(community.id)


def is_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_admin)


def is_site_moderator(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_site_moderator)


def is_active_account(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and not user.is_suspended)


def is_active_member(user, community: Community) -> bool:
    found = membership(user, community)
    return found is not None and found.status == "active"


def is_banned(user, community: Community) -> bool:
    found = membership(user, community)
    return found is not None and found.status == "banned"


def has_role(user, community: Community, *roles: str) -> bool:
    found = membership(user, community)
    return found is not None and found.status == "active" and found.role in roles


def can_see_content(user, community: Community) -> bool:
    """Read threads, events and lessons of a community."""
    return community.is_public or is_active_member(user, community) or is_admin(user)


def is_pending(user, community: Community) -> bool:
    """Asked to join and still waiting for the moderators."""
    found = membership(user, community)
    return found is not None and found.status == "pending"


def can_join(user, community: Community) -> bool:
    """Join or ask to join: no membership yet, or an earlier request declined."""
    found = membership(user, community)
    return (
        is_active_account(user)
        and not community.is_archived
        and (found is None or found.status == "declined")
    )


def can_leave(user, community: Community) -> bool:
    found = membership(user, community)
    return found is not None and found.status in ("active", "pending")


def may_post_anywhere(user) -> bool:
    """Signed in, not suspended, and confirmed when the site asks for it."""
    if not is_active_account(user):
        return False
    return user.is_confirmed or not current_app.config["REQUIRE_CONFIRMED_EMAIL"]


def can_post(user, community: Community) -> bool:
    """Start threads and reply in a community."""
    return (
        may_post_anywhere(user)
        and not community.is_archived
        and (is_active_member(user, community) or is_admin(user))
    )


def banned_message(community: Community) -> str:
    """What a banned person reads wherever they try to join or post."""
    return _(
        "The moderators of %(name)s banned you, so you cannot join "
        "or post there. If you think this is a mistake, write to a "
        "site admin.",
        name=community.name,
    )


def cannot_post_reason(user, community: Community) -> str:
    """Why the person may not post here ("" if they may): pages tell them so."""
    if can_post(user, community):
        return ""
    if not is_active_account(user):
        return _("Log in, and join the community, to post here.")
    if community.is_archived:
        return _("%(name)s is archived: it is read-only.", name=community.name)
    if is_banned(user, community):
        return banned_message(community)
    if not may_post_anywhere(user):
        return _("Confirm your e-mail address to post: we sent you a link.")
    if is_pending(user, community):
        return _("Your request to join is waiting; you can post once it is approved.")
    return _("Join %(name)s to post here.", name=community.name)


def can_organise(user, community: Community) -> bool:
    """Schedule and edit the community's events."""
    return (
        is_active_account(user)
        and not community.is_archived
        and (has_role(user, community, "organiser", "moderator") or is_admin(user))
    )


def can_moderate(user, community: Community) -> bool:
    """Approve members, hide posts, ban members."""
    return is_active_account(user) and (
        has_role(user, community, "moderator") or is_site_moderator(user)
    )


def can_manage_roles(user, community: Community) -> bool:
    """Make members organisers or moderators (not in archived communities)."""
    return can_moderate(user, community) and not community.is_archived


def can_see_members(user, community: Community) -> bool:
    """Read the member directory: whoever reads the content, and moderators."""
    return can_see_content(user, community) or can_moderate(user, community)


def can_watch(user, community: Community) -> bool:
    """Get notified of new threads and lessons: signed in, able to read them and
    not banned from the community."""
    return (
        is_active_account(user)
        and can_see_content(user, community)
        and not is_banned(user, community)
    )


def can_edit_community(user, community: Community | None = None) -> bool:
    """Create, edit and archive communities: site admins only."""
    return is_admin(user) and is_active_account(user)


def visible_communities(user) -> ColumnElement[bool]:
    """SQL condition on Community: the rows whose content the person may read.

    Every list, feed, search and profile page filters with this, so members-only
    content cannot leak through another door.
    """
    if is_admin(user):
        return true()
    member_of = [
        community_id
        for community_id, found in memberships_of(user).items()
        if found.status == "active"
    ]
    return or_(
        Community.visibility == "public",
        Community.id.in_(member_of) if member_of else false(),
    )


def readable_community(slug: str, user) -> Community | None:
    """The community with this slug if the person may read its content (lists
    filtered by community: events, search, the API), else None."""
    if not slug or "\x00" in slug:  # PostgreSQL refuses NUL in text
        return None
    found = db.session.scalar(select(Community).where(Community.slug == slug[:60]))
    return found if found is not None and can_see_content(user, found) else None


def get_community_or_404(slug: str) -> Community:
    community = db.session.scalar(select(Community).where(Community.slug == slug))
    if community is None:
        abort(404)
    return community


TEMPLATE_PREDICATES = {
    name: globals()[name]
    for name in (
        "is_active_member",
        "is_banned",
        "has_role",
        "membership",
        "can_see_content",
        "can_join",
        "can_leave",
        "can_post",
        "cannot_post_reason",
        "can_organise",
        "can_moderate",
        "can_manage_roles",
        "can_edit_community",
        "can_see_members",
        "can_watch",
        "is_pending",
        "may_post_anywhere",
    )
}
