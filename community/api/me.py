"""The caller: their account, memberships, RSVPs and notifications."""

from flask import g
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields
from sqlalchemy import select

from community.api.access import require_read_token, require_write
from community.api.auth import api_limited
from community.api.pagination import PageArgs, keyset_page, page_schema
from community.api.schemas import CommunitySchema, OkSchema, ProfileSchema
from community.communities.models import Membership
from community.events.models import Rsvp
from community.extensions import db
from community.notifications import sending
from community.notifications.models import Notification

blp = Blueprint("api_me", __name__, description=_l("The person behind the token."))
api_limited(blp)


class MeSchema(ProfileSchema):
    id = fields.Integer(required=True)
    username = fields.String(required=True)
    display_name = fields.String(required=True)
    organisation = fields.String(required=True)
    country = fields.String(allow_none=True, required=True)
    kind = fields.String(required=True)
    timezone = fields.String(required=True, metadata={"description": "IANA zone"})
    site_role = fields.String(required=True)
    is_editor = fields.Boolean(required=True)
    created_at = fields.DateTime(required=True)
    scopes = fields.Method("token_scopes", required=True)
    unread_notifications = fields.Method("unread", required=True)

    def token_scopes(self, user) -> list[str]:
        return sorted(g.api_token.scope_set) if g.get("api_token") else []

    def unread(self, user) -> int:
        return sending.unread_count(user)


class MembershipSchema(Schema):
    id = fields.Integer(required=True)
    role = fields.String(required=True)
    status = fields.String(required=True)
    created_at = fields.DateTime(required=True)
    community = fields.Nested(CommunitySchema, required=True)


class RsvpSchema(Schema):
    id = fields.Integer(required=True)
    event_id = fields.Integer(required=True)
    occurrence_id = fields.Integer(required=True)
    status = fields.String(
        required=True,
        metadata={"enum": ["going", "waitlisted", "maybe", "not_going"]},
    )
    position = fields.Integer(allow_none=True)
    updated_at = fields.DateTime(allow_none=True)


class NotificationSchema(Schema):
    id = fields.Integer(required=True)
    kind = fields.String(required=True)
    message = fields.String(required=True)
    url = fields.String(required=True)
    created_at = fields.DateTime(required=True)
    read_at = fields.DateTime(allow_none=True)


class ReadArgs(Schema):
    id = fields.Integer(
        strict=True,
        metadata={"description": "One notification; all of them when left out"},
    )


@blp.get("/me")
@blp.etag
@blp.response(200, MeSchema)
def show_me():
    """The current user."""
    require_read_token()
    return current_user


@blp.get("/me/memberships")
@blp.arguments(PageArgs, location="query")
@blp.response(200, page_schema(MembershipSchema, "MembershipPage"))
def list_memberships(args):
    """Your memberships in every status (pending, active, banned, declined)."""
    require_read_token()
    query = select(Membership).where(Membership.user_id == current_user.id)
    return keyset_page(query, Membership.id, args)


@blp.get("/me/rsvps")
@blp.arguments(PageArgs, location="query")
@blp.response(200, page_schema(RsvpSchema, "RsvpPage"))
def list_rsvps(args):
    """Your answers to events."""
    require_read_token()
    query = select(Rsvp).where(Rsvp.user_id == current_user.id)
    return keyset_page(query, Rsvp.id, args)


@blp.get("/me/notifications")
@blp.arguments(PageArgs, location="query")
@blp.response(200, page_schema(NotificationSchema, "NotificationPage"))
def list_notifications(args):
    """Your notifications, newest first."""
    require_read_token()
    return keyset_page(sending.notifications_of(current_user), Notification.id, args)


@blp.post("/me/notifications/read")
@blp.arguments(ReadArgs, required=False)
@blp.response(200, OkSchema)
def read_notifications(args):
    """Mark one notification, or all of them, read."""
    require_write()
    count = sending.mark_read(current_user, args.get("id"))
    db.session.commit()
    return {"ok": True, "count": count}
