"""Communities: the list and one community (never secret themselves)."""

from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint
from sqlalchemy import select

from community.api.auth import api_limited
from community.api.pagination import PageArgs, keyset_page, page_schema
from community.api.schemas import CommunitySchema
from community.communities.models import Community
from community.communities.permissions import get_community_or_404

blp = Blueprint("api_communities", __name__, description=_l("Communities of practice."))
api_limited(blp)


@blp.get("/communities")
@blp.arguments(PageArgs, location="query")
@blp.response(200, page_schema(CommunitySchema, "CommunityPage"))
def list_communities(args):
    """Every community, members-only ones included (their content is not)."""
    return keyset_page(select(Community), Community.id, args, descending=False)


@blp.get("/communities/<slug>")
@blp.etag
@blp.response(200, CommunitySchema)
def show_community(slug: str):
    """One community by its slug."""
    return get_community_or_404(slug[:60])
