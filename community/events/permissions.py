"""Who may see, organise and answer events: the one place these rules live.

A site-wide event (no community) is public and organised by site admins; a
community's events follow the community's rules (communities/permissions.py).
"""

from flask import abort
from sqlalchemy import ColumnElement, or_, select

from community.communities.models import Community
from community.communities.permissions import (
    can_organise,
    can_see_content,
    is_active_account,
    is_admin,
    is_banned,
    visible_communities,
)
from community.events.models import Event
from community.extensions import db


def can_see_event(user, event: Event) -> bool:
    """Read the event page and find it in lists and feeds."""
    return event.community is None or can_see_content(user, event.community)


def can_organise_event(user, event: Event) -> bool:
    """Edit, cancel, change occurrences and read the attendee list."""
    if event.community is None:
        return is_admin(user) and is_active_account(user)
    return can_organise(user, event.community)


def can_create_site_event(user) -> bool:
    """Schedule an event that belongs to no community: site admins."""
    return is_admin(user) and is_active_account(user)


def can_rsvp(user, event: Event) -> bool:
    """Any active account that can see the event may say whether it is going,
    except people banned from the event's community."""
    return (
        is_active_account(user)
        and can_see_event(user, event)
        and not (event.community is not None and is_banned(user, event.community))
    )


def visible_events(user) -> ColumnElement[bool]:
    """SQL condition on Event: what this person may see (site-wide events included)."""
    readable = select(Community.id).where(visible_communities(user))
    return or_(Event.community_id.is_(None), Event.community_id.in_(readable))


def public_events() -> ColumnElement[bool]:
    """SQL condition on Event: what anyone may see (public feeds and lists)."""
    public = select(Community.id).where(Community.visibility == "public")
    return or_(Event.community_id.is_(None), Event.community_id.in_(public))


def get_event_or_404(event_id: int, user) -> Event:
    event = db.session.get(Event, event_id)
    if event is None or not can_see_event(user, event):
        abort(404)
    return event


TEMPLATE_PREDICATES = (
    can_see_event,
    can_organise_event,
    can_create_site_event,
    can_rsvp,
)
