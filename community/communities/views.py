"""Communities of practice: the list and one community (grown by its issue)."""

from flask import Blueprint, render_template
from flask_login import current_user
from sqlalchemy import select

from community.communities.models import Community
from community.communities.permissions import can_see_content, get_community_or_404
from community.communities.sections import list_stats, page_context
from community.extensions import db

bp = Blueprint("communities", __name__, url_prefix="/c")


@bp.get("/")
def list_communities():
    communities = db.session.scalars(select(Community).order_by(Community.name)).all()
    stats = list_stats(communities)
    return render_template("communities/list.html", communities=communities, stats=stats)


@bp.get("/<slug>")
def show_community(slug: str):
    community = get_community_or_404(slug)
    readable = can_see_content(current_user, community)
    return render_template(
        "communities/show.html", community=community, readable=readable
    )
