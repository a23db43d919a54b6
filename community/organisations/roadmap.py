"""Roadmap service: activities by objective, editing them, and their updates."""

from sqlalchemy import delete, select
from sqlalchemy.orm import selectinload

from community import audit
from community.communities.models import Community
from community.dpgs.models import Dpg
from community.events.models import Event
from community.extensions import db
from community.learnings.models import Lesson
from community.organisations.models import Organisation
from community.organisations.organising import unique_slug
from community.organisations.roadmap_models import (
    OBJECTIVES,
    ActivityLink,
    ActivityOrganisation,
    ActivityUpdate,
    RoadmapActivity,
)
from community.text import render_markdown
from community.timezones import utcnow

LINK_MODELS = {"dpg": Dpg, "community": Community, "event": Event, "lesson": Lesson}


def roadmap_by_objective(
    include_drafts: bool,
) -> list[tuple[str, str, list[RoadmapActivity]]]:
    """(key, title, activities) for each of the five objectives, in order."""
    query = (
        select(RoadmapActivity)
        .order_by(RoadmapActivity.position, RoadmapActivity.id)
        .options(selectinload(RoadmapActivity.organisations))
    )
    if not include_drafts:
        query = query.where(RoadmapActivity.is_published.is_(True))
    grouped: dict[str, list] = {key: [] for key in OBJECTIVES}
    for activity in db.session.scalars(query):
        grouped.setdefault(activity.objective, []).append(activity)
    return [(key, str(OBJECTIVES[key]), grouped[key]) for key in OBJECTIVES]


def roadmap_members() -> list[Organisation]:
    """Organisations listed as taking part in the roadmap, by name."""
    return list(
        db.session.scalars(
            select(Organisation)
            .where(Organisation.roadmap_member_since.is_not(None))
            .order_by(Organisation.name)
        )
    )


def save_activity(
    actor, activity: RoadmapActivity | None, values: dict
) -> RoadmapActivity:
    """Create or change an activity: its fields, organisations and links."""
    if activity is None:
        activity = RoadmapActivity(slug=unique_slug(RoadmapActivity, values["title"]))
    db.session.add(activity)
    for key in ("title", "objective", "status", "is_published"):
        setattr(activity, key, values[key])
    activity.description_source = values.get("description") or ""
    activity.description_html = str(render_markdown(activity.description_source))
    activity.updated_at = utcnow()
    set_organisations(activity, values.get("leads", []), values.get("partners", []))
    db.session.flush()
    set_links(activity, values.get("links", {}))
    audit.record(actor, "roadmap.save", activity, detail=activity.title)
    return activity


def set_organisations(
    activity: RoadmapActivity, leads: list[int], partners: list[int]
) -> None:
    wanted = {int(i): "lead" for i in leads}
    for i in partners:
        wanted.setdefault(int(i), "partner")
    known = set(
        db.session.scalars(select(Organisation.id).where(Organisation.id.in_(wanted)))
    )
    activity.organisations = [
        ActivityOrganisation(organisation_id=i, role=role)
        for i, role in wanted.items()
        if i in known
    ]


def set_links(activity: RoadmapActivity, links: dict[str, list[int]]) -> None:
    """Replace the links; ids naming no row are dropped."""
    db.session.execute(
        delete(ActivityLink).where(ActivityLink.activity_id == activity.id)
    )
    for kind, model in LINK_MODELS.items():
        ids = [int(i) for i in links.get(kind, [])]
        if not ids:
            continue
        for found in db.session.scalars(select(model.id).where(model.id.in_(ids))):
            db.session.add(
                ActivityLink(activity_id=activity.id, target_type=kind, target_id=found)
            )
    db.session.flush()


def link_ids(activity: RoadmapActivity) -> dict[str, list[str]]:
    ids: dict[str, list[str]] = {kind: [] for kind in LINK_MODELS}
    for link in db.session.scalars(
        select(ActivityLink).where(ActivityLink.activity_id == activity.id)
    ):
        ids.setdefault(link.target_type, []).append(str(link.target_id))
    return ids


def post_update(
    actor, activity: RoadmapActivity, title: str, body: str
) -> ActivityUpdate:
    update = ActivityUpdate(
        activity_id=activity.id,
        author_id=actor.id,
        author_name=actor.display_name,
        title=title,
        body_source=body,
        body_html=str(render_markdown(body)),
    )
    db.session.add(update)
    activity.updated_at = utcnow()
    db.session.flush()
    audit.record(actor, "roadmap.update", activity, detail=title)
    return update


def updates_of(activity: RoadmapActivity, limit: int = 50) -> list[ActivityUpdate]:
    return list(
        db.session.scalars(
            select(ActivityUpdate)
            .where(ActivityUpdate.activity_id == activity.id)
            .order_by(ActivityUpdate.created_at.desc(), ActivityUpdate.id.desc())
            .limit(limit)
        )
    )
