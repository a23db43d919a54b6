"""Joining, leaving and moderating memberships.

Services take the acting person and plain values, add and flush, never commit.
A rule broken by the request raises MembershipRefused, whose text is meant
for the person; the view shows it. member_count only counts active members and
is changed with SQL arithmetic, so two concurrent joins both count.
"""

from flask_babel import gettext as _
from sqlalchemy import delete, func, select, update

from community import audit
from community.auth.models import User
from community.communities.models import ROLES, Community, Membership
from community.communities.permissions import banned_message, forget_memberships
from community.extensions import db
from community.notifications.sending import notify
from community.notifications.subscriptions import COMMUNITY, stop_watching
from community.timezones import utcnow


class MembershipRefused(ValueError):
    """A membership change the rules do not allow; str() is said to the person."""


class AlreadyMember(MembershipRefused):
    """Joining again (a double click, or two tabs): harmless, answered kindly."""


def community_path(community: Community, suffix: str = "") -> str:
    # A plain path: services also run from the CLI, where url_for has no host.
    return f"/c/{community.slug}{suffix}"


def find_membership(community: Community, person: User) -> Membership | None:
    """The person's row in this community, read fresh (not the request cache)."""
    return db.session.scalar(
        select(Membership).where(
            Membership.community_id == community.id,
            Membership.user_id == person.id,
        )
    )


def change_member_count(community: Community, delta: int) -> None:
    community.member_count = Community.member_count + delta


def lock(community: Community) -> None:
    """Serialise role changes per community (PostgreSQL row lock; SQLite locks
    the whole database on write anyway), so two moderators demoting each other
    at once cannot leave the community without one."""
    db.session.execute(
        select(Community.id).where(Community.id == community.id).with_for_update()
    )


def moderator_count(community: Community) -> int:
    return db.session.scalar(
        select(func.count(Membership.id)).where(
            Membership.community_id == community.id,
            Membership.status == "active",
            Membership.role == "moderator",
        )
    )


def refuse_losing_last_moderator(community: Community, row: Membership) -> None:
    """Raise if this change would leave the community without a moderator."""
    if row.status == "active" and row.role == "moderator":
        lock(community)
        if moderator_count(community) <= 1:
            raise MembershipRefused(
                _(
                    "%(name)s needs at least one moderator. Make someone else a "
                    "moderator first.",
                    name=community.name,
                )
            )


def join(person: User, community: Community, message: str = "") -> Membership:
    """Join an open community now, or ask to join one that needs approval."""
    if community.is_archived:
        raise MembershipRefused(
            _("%(name)s is archived: nobody can join it.", name=community.name)
        )
    row = find_membership(community, person)
    if row is not None and row.status == "banned":
        raise MembershipRefused(banned_message(community))
    if row is not None and row.status == "active":
        raise AlreadyMember(
            _("You are already a member of %(name)s.", name=community.name)
        )
    if row is not None and row.status == "pending":
        raise AlreadyMember(
            _(
                "You already asked to join %(name)s; the moderators will answer.",
                name=community.name,
            )
        )
    if row is None:
        row = Membership(community_id=community.id, user_id=person.id)
        db.session.add(row)
    row.role = "member"
    row.created_at = utcnow()
    row.decided_at = None
    row.decided_by_id = None
    row.request_message = message.strip()[:1000]
    row.status = "active" if community.join_policy == "open" else "pending"
    if row.status == "active":
        change_member_count(community, +1)
    db.session.flush()
    forget_memberships()
    if row.status == "pending":
        tell_moderators_of_request(community, person)
    return row


def tell_moderators_of_request(community: Community, person: User) -> None:
    """Notify the community's moderators, or the site's when it has none."""
    moderators = db.session.scalars(
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(
            Membership.community_id == community.id,
            Membership.status == "active",
            Membership.role == "moderator",
            User.suspended_at.is_(None),
        )
    ).all()
    if not moderators:
        moderators = db.session.scalars(
            select(User).where(
                User.site_role.in_(("moderator", "admin")), User.suspended_at.is_(None)
            )
        ).all()
    message = _(
        "%(display_name)s asked to join %(name)s.",
        display_name=person.display_name,
        name=community.name,
    )
    url = community_path(community, "/requests")
    for moderator in moderators:
        notify(moderator, "join_request", message, url)


def leave(person: User, community: Community) -> str:
    """Leave, or withdraw a pending request; returns "left" or "withdrawn"."""
    row = find_membership(community, person)
    if row is None or row.status == "declined":
        raise MembershipRefused(
            _("You are not a member of %(name)s.", name=community.name)
        )
    if row.status == "banned":
        raise MembershipRefused(banned_message(community))
    refuse_losing_last_moderator(community, row)
    outcome = "left" if row.status == "active" else "withdrawn"
    if row.status == "active":
        change_member_count(community, -1)
    db.session.delete(row)
    if not community.is_public:
        stop_watching(person, COMMUNITY, community.id)
    db.session.flush()
    forget_memberships()
    return outcome


def decide(
    actor: User, community: Community, person: User, approve: bool, ip: str = ""
) -> None:
    """Approve or decline a pending request; the requester is told either way."""
    if approve and community.is_archived:
        raise MembershipRefused(
            _("%(name)s is archived: nobody can join it.", name=community.name)
        )
    status = "active" if approve else "declined"
    # Only a still-pending row changes: of two moderators deciding at once,
    # the second is told it was already decided.
    changed = db.session.execute(
        update(Membership)
        .where(
            Membership.community_id == community.id,
            Membership.user_id == person.id,
            Membership.status == "pending",
        )
        .values(status=status, decided_at=utcnow(), decided_by_id=actor.id)
        .execution_options(synchronize_session="fetch")
    ).rowcount
    if changed != 1:
        raise MembershipRefused(
            _(
                "The request from %(display_name)s was already decided or withdrawn.",
                display_name=person.display_name,
            )
        )
    if approve:
        change_member_count(community, +1)
    verb = "approved" if approve else "declined"
    audit.record(
        actor,
        f"membership.{verb}",
        community,
        f"user={person.username}",
        ip,
        subject=person,
    )
    notify(
        person,
        f"membership_{verb}",
        _(
            "Your request to join %(name)s was %(verb)s.",
            name=community.name,
            verb=verb,
        ),
        community_path(community),
    )
    db.session.flush()
    forget_memberships()


def approve(actor: User, community: Community, person: User, ip: str = "") -> None:
    """Let a pending requester in; they are told in-app and by e-mail."""
    decide(actor, community, person, approve=True, ip=ip)


def decline(actor: User, community: Community, person: User, ip: str = "") -> None:
    """Turn a pending request down; they are told and may ask again."""
    decide(actor, community, person, approve=False, ip=ip)


def set_role(
    actor: User, community: Community, person: User, role: str, ip: str = ""
) -> Membership:
    """Make an active member a member, organiser or moderator."""
    if role not in ROLES:
        raise MembershipRefused(_("Choose member, organiser or moderator."))
    if community.is_archived:
        raise MembershipRefused(
            _("%(name)s is archived: roles are frozen.", name=community.name)
        )
    row = find_membership(community, person)
    if row is None or row.status != "active":
        raise MembershipRefused(
            _(
                "%(display_name)s is not an active member of %(name)s.",
                display_name=person.display_name,
                name=community.name,
            )
        )
    if row.role == role:
        return row
    if role != "moderator":
        refuse_losing_last_moderator(community, row)
    previous, row.role = row.role, role
    audit.record(
        actor,
        "membership.role",
        community,
        f"user={person.username} {previous}->{role}",
        ip,
        subject=person,
    )
    notify(
        person,
        "membership_role",
        _(
            "You are now %(lower)s in %(name)s.",
            lower=ROLES[role].lower(),
            name=community.name,
        ),
        community_path(community),
    )
    db.session.flush()
    forget_memberships()
    return row


def ban(
    actor: User,
    community: Community,
    person: User,
    ip: str = "",
    reason: str = "",
    even_if_not_member: bool = False,
) -> Membership:
    """The one ban: they cannot rejoin, post, flag, RSVP or watch, and are told so.

    It keeps the last moderator, resets the role, stops the watch and counts in
    SQL. `even_if_not_member` bans a former member too (the flag queue: someone
    who posted and left), so they cannot come back.
    """
    if person.id == actor.id:
        raise MembershipRefused(_("You cannot ban yourself."))
    row = find_membership(community, person)
    if row is None and even_if_not_member:
        row = Membership(community_id=community.id, user_id=person.id)
        db.session.add(row)
    elif row is None or (row.status == "declined" and not even_if_not_member):
        raise MembershipRefused(
            _(
                "%(display_name)s is not a member of %(name)s.",
                display_name=person.display_name,
                name=community.name,
            )
        )
    if row.status == "banned":
        raise MembershipRefused(
            _("%(display_name)s is already banned.", display_name=person.display_name)
        )
    refuse_losing_last_moderator(community, row)
    if row.status == "active":
        change_member_count(community, -1)
    row.status, row.role = "banned", "member"
    row.decided_at, row.decided_by_id = utcnow(), actor.id
    stop_watching(person, COMMUNITY, community.id)
    detail = f"user={person.username}" + (f": {reason}" if reason else "")
    audit.record(actor, "membership.banned", community, detail, ip, subject=person)
    message = banned_message(community) + (f" {reason[:200]}" if reason else "")
    notify(person, "membership_banned", message, community_path(community))
    db.session.flush()
    forget_memberships()
    return row


def unban(actor: User, community: Community, person: User, ip: str = "") -> None:
    """Lift a ban: the person is a non-member again and may ask to join."""
    removed = db.session.execute(
        delete(Membership)
        .where(
            Membership.community_id == community.id,
            Membership.user_id == person.id,
            Membership.status == "banned",
        )
        .execution_options(synchronize_session="fetch")
    ).rowcount
    if removed != 1:
        raise MembershipRefused(
            _("%(display_name)s is not banned here.", display_name=person.display_name)
        )
    audit.record(
        actor,
        "membership.unbanned",
        community,
        f"user={person.username}",
        ip,
        subject=person,
    )
    notify(
        person,
        "membership_unbanned",
        _(
            "Your ban from %(name)s was lifted; you may ask to join again.",
            name=community.name,
        ),
        community_path(community),
    )
    db.session.flush()
    forget_memberships()
