"""Organisations on other pages: a person's confirmed affiliations on their
profile, and the roadmap activities a community takes part in on its page."""

from sqlalchemy import select

from community.extensions import db
from community.organisations.models import Affiliation
from community.organisations.roadmap_models import ActivityLink, RoadmapActivity
from community.sections import community_section, profile_section


@profile_section("organisations/_profile_section.html", order=40)
def profile_affiliations(viewer, person) -> dict:
    """Confirmed affiliations the person shows (a claim is never shown as fact)."""
    rows = db.session.scalars(
        select(Affiliation).where(
            Affiliation.user_id == person.id,
            Affiliation.status == "confirmed",
            Affiliation.shown_on_page.is_(True),
        )
    ).all()
    return {"profile_affiliations": rows}


@community_section("organisations/_community_section.html", order=40, shared=True)
def community_activities(viewer, community) -> dict:
    """Published roadmap activities linked to the community (asked only when the
    viewer may read the community)."""
    linked = select(ActivityLink.activity_id).where(
        ActivityLink.target_type == "community", ActivityLink.target_id == community.id
    )
    activities = db.session.scalars(
        select(RoadmapActivity)
        .where(RoadmapActivity.id.in_(linked), RoadmapActivity.is_published.is_(True))
        .order_by(RoadmapActivity.title)
    ).all()
    return {"community_activities": activities}
