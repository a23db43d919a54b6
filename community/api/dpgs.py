"""Digital public goods: the catalogue (registry facts, public) and, on one
DPG, what the community linked to it that the caller may read."""

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from community.api.auth import api_limited
from community.api.linked import (
    ActivityLinkSchema,
    CommunityLinkSchema,
    EventLinkSchema,
    LessonLinkSchema,
    Linked,
    ThreadLinkSchema,
)
from community.api.pagination import PageArgs, keyset_page, page_schema
from community.dpgs import linked
from community.dpgs.catalogue import DpgQuery, conditions
from community.dpgs.models import Dpg
from community.dpgs.permissions import get_dpg_or_404
from community.organisations.models import DPG_RELATIONS
from community.organisations.related import dpg_activities, dpg_organisations
from community.timezones import utcnow

blp = Blueprint(
    "api_dpgs", __name__, description=_l("Digital public goods (the DPG Registry).")
)
api_limited(blp)


def _facet(name: str):
    return fields.Function(lambda dpg: dpg.facet_values(name), required=True)


def _countries(kind: str):
    return fields.Function(lambda dpg: dpg.country_codes(kind), required=True)


class DpgSchema(Schema):
    """A DPG's registry facts; countries are ISO 3166-1 alpha-2 codes."""

    id = fields.Integer(required=True)
    slug = fields.String(required=True)
    name = fields.String(required=True)
    registry_id = fields.String(allow_none=True, required=True)
    in_registry = fields.Boolean(required=True)
    website = fields.String(required=True)
    stage = fields.String(required=True)
    sectors = _facet("sector")
    sdgs = _facet("sdg")
    licences = _facet("licence")
    types = _facet("type")
    deployment_count = fields.Integer(required=True)
    deployed_in = _countries("deployment")
    developed_in = _countries("development")
    url = fields.Function(lambda dpg: f"/dpgs/{dpg.slug}")


class HubOrganisationSchema(Schema):
    slug = fields.Function(lambda link: link.organisation.slug)
    name = fields.Function(lambda link: link.organisation.name)
    relation = fields.String(required=True, metadata={"enum": list(DPG_RELATIONS)})
    url = fields.Function(lambda link: f"/organisations/{link.organisation.slug}")


class DpgDetailSchema(DpgSchema):
    """One DPG: its facts, then what is linked to it that you may read."""

    aliases = fields.List(fields.String(), required=True)
    description = fields.String(required=True, metadata={"description": "Plain text"})
    notes_html = fields.String(required=True)
    repositories = fields.List(fields.Dict(), required=True)
    organisations = fields.List(fields.Dict(), required=True)
    hub_organisations = fields.List(fields.Nested(HubOrganisationSchema), required=True)
    lessons = fields.List(fields.Nested(LessonLinkSchema), required=True)
    threads = fields.List(fields.Nested(ThreadLinkSchema), required=True)
    upcoming_events = fields.List(fields.Nested(EventLinkSchema), required=True)
    past_events = fields.List(fields.Nested(EventLinkSchema), required=True)
    communities = fields.List(fields.Nested(CommunityLinkSchema), required=True)
    roadmap_activities = fields.List(fields.Nested(ActivityLinkSchema), required=True)


class DpgListArgs(PageArgs):
    q = fields.String(validate=validate.Length(max=100))
    sector = fields.String(validate=validate.Length(max=150))
    sdg = fields.String(validate=validate.Length(max=150))
    licence = fields.String(validate=validate.Length(max=150))
    country = fields.String(validate=validate.Length(equal=2))
    stage = fields.String(validate=validate.Length(max=150))


@blp.get("/dpgs")
@blp.arguments(DpgListArgs, location="query")
@blp.response(200, page_schema(DpgSchema, "DpgPage"))
def list_dpgs(args):
    """The catalogue in id order, with the /dpgs/ page's filters."""
    query = DpgQuery.from_args({name: str(value) for name, value in args.items()})
    statement = (
        select(Dpg)
        .where(*conditions(query))
        .options(selectinload(Dpg.facets), selectinload(Dpg.countries))
    )
    return keyset_page(statement, Dpg.id, args, descending=False)


@blp.get("/dpgs/<slug>")
@blp.etag
@blp.response(200, DpgDetailSchema)
def show_dpg(slug: str):
    """One DPG by its slug; linked content is what you may read."""
    dpg = get_dpg_or_404(slug)
    found = linked.linked_to_dpg(current_user, dpg.id, utcnow())
    return Linked(
        dpg,
        hub_organisations=dpg_organisations(dpg),
        lessons=found["lessons"],
        threads=found["threads"],
        upcoming_events=found["upcoming"],
        past_events=found["past"],
        communities=found["communities"],
        roadmap_activities=dpg_activities(dpg),
    )
