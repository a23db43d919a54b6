"""Organisations: the directory (public records) and, on one organisation,
its DPGs and roadmap roles, and the lessons, events and communities of its
people that the caller may read."""

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from community.api.auth import api_limited
from community.api.linked import (
    CommunityLinkSchema,
    EventLinkSchema,
    LessonLinkSchema,
    Linked,
)
from community.api.pagination import PageArgs, keyset_page, page_schema
from community.organisations import related
from community.organisations.directory import DirectoryQuery
from community.organisations.models import DPG_RELATIONS, KINDS, Organisation
from community.organisations.permissions import get_organisation_or_404

blp = Blueprint(
    "api_organisations",
    __name__,
    description=_l("Organisations, their DPGs and their roadmap roles."),
)
api_limited(blp)


class OrganisationSchema(Schema):
    id = fields.Integer(required=True)
    slug = fields.String(required=True)
    name = fields.String(required=True)
    short_name = fields.String(required=True)
    kind = fields.String(required=True, metadata={"enum": list(KINDS)})
    country = fields.String(attribute="country_code", allow_none=True, required=True)
    website = fields.String(required=True)
    is_roadmap_member = fields.Boolean(required=True)
    url = fields.Function(lambda organisation: f"/organisations/{organisation.slug}")


class OrganisationDpgSchema(Schema):
    slug = fields.Function(lambda link: link.dpg.slug)
    name = fields.Function(lambda link: link.dpg.name)
    relation = fields.String(required=True, metadata={"enum": list(DPG_RELATIONS)})
    url = fields.Function(lambda link: f"/dpgs/{link.dpg.slug}")


class RoadmapRoleSchema(Schema):
    slug = fields.Function(lambda role: role.activity.slug)
    title = fields.Function(lambda role: role.activity.title)
    role = fields.String(required=True)
    url = fields.Function(lambda role: f"/roadmap/{role.activity.slug}")


class OrganisationDetailSchema(OrganisationSchema):
    description_html = fields.String(required=True)
    dpgs = fields.List(fields.Nested(OrganisationDpgSchema), required=True)
    roadmap_roles = fields.List(fields.Nested(RoadmapRoleSchema), required=True)
    lessons = fields.List(fields.Nested(LessonLinkSchema), required=True)
    events = fields.List(fields.Nested(EventLinkSchema), required=True)
    communities = fields.List(fields.Nested(CommunityLinkSchema), required=True)


class OrganisationListArgs(PageArgs):
    q = fields.String(validate=validate.Length(max=100))
    kind = fields.String(validate=validate.OneOf(list(KINDS)))
    country = fields.String(validate=validate.Length(equal=2))
    dpg = fields.String(validate=validate.Length(max=100))
    member = fields.Boolean(metadata={"description": "Only roadmap members"})


@blp.get("/organisations")
@blp.arguments(OrganisationListArgs, location="query")
@blp.response(200, page_schema(OrganisationSchema, "OrganisationPage"))
def list_organisations(args):
    """The directory in id order, with its filters."""
    query = DirectoryQuery.from_args(
        {
            **{name: args.get(name, "") for name in ("q", "kind", "country", "dpg")},
            "member": "1" if args.get("member") else "",
        }
    )
    return keyset_page(query.select(), Organisation.id, args, descending=False)


@blp.get("/organisations/<slug>")
@blp.etag
@blp.response(200, OrganisationDetailSchema)
def show_organisation(slug: str):
    """One organisation; its people's lessons and events are those you may read."""
    organisation = get_organisation_or_404(slug)
    return Linked(
        organisation,
        dpgs=related.organisation_dpgs(organisation),
        roadmap_roles=related.organisation_activities(current_user, organisation),
        lessons=related.organisation_lessons(current_user, organisation),
        events=related.organisation_events(current_user, organisation),
        communities=related.organisation_communities(current_user, organisation),
    )
