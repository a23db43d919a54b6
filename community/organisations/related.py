"""What an organisation page and an activity page show from other features,
each list filtered by what the viewer may read (members-only content never
leaks through an organisation or roadmap page)."""

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from community.auth.models import User
from community.communities.models import Community, Membership
from community.communities.permissions import visible_communities
from community.dpgs.models import Dpg
from community.events.models import Event
from community.events.permissions import visible_events
from community.extensions import db
from community.learnings.models import Lesson
from community.learnings.permissions import lesson_visibility
from community.organisations.models import Affiliation, Organisation, OrganisationDpg
from community.organisations.roadmap_models import (
    LINK_TYPES,
    ActivityLink,
    ActivityOrganisation,
    RoadmapActivity,
)

LIMIT = 20


def _confirmed_people(organisation: Organisation):
    return select(Affiliation.user_id).where(
        Affiliation.organisation_id == organisation.id,
        Affiliation.status == "confirmed",
    )


def organisation_dpgs(organisation: Organisation) -> list[OrganisationDpg]:
    return list(
        db.session.scalars(
            select(OrganisationDpg)
            .join(Dpg, Dpg.id == OrganisationDpg.dpg_id)
            .where(OrganisationDpg.organisation_id == organisation.id)
            .order_by(Dpg.name, OrganisationDpg.relation)
        )
    )


def organisation_activities(viewer, organisation: Organisation, published_only=True):
    query = (
        select(ActivityOrganisation)
        .join(RoadmapActivity)
        .where(ActivityOrganisation.organisation_id == organisation.id)
        .order_by(RoadmapActivity.objective, RoadmapActivity.position)
        .options(selectinload(ActivityOrganisation.activity))
    )
    if published_only:
        query = query.where(RoadmapActivity.is_published.is_(True))
    return list(db.session.scalars(query))


def organisation_lessons(viewer, organisation: Organisation) -> list[Lesson]:
    """Published lessons written by the organisation's confirmed people."""
    return list(
        db.session.scalars(
            select(Lesson)
            .where(
                Lesson.status == "published",
                Lesson.author_id.in_(_confirmed_people(organisation)),
                lesson_visibility(viewer),
            )
            .order_by(Lesson.published_at.desc())
            .options(joinedload(Lesson.published_version))
            .limit(LIMIT)
        )
    )


def organisation_events(viewer, organisation: Organisation) -> list[Event]:
    """Events the organisation's confirmed people organise, newest first."""
    return list(
        db.session.scalars(
            select(Event)
            .where(
                Event.organiser_id.in_(_confirmed_people(organisation)),
                visible_events(viewer),
            )
            .order_by(Event.start_at.desc())
            .limit(LIMIT)
        )
    )


def organisation_communities(viewer, organisation: Organisation) -> list[Community]:
    """Communities where the organisation's confirmed people are active members."""
    active = select(Membership.community_id).where(
        Membership.user_id.in_(_confirmed_people(organisation)),
        Membership.status == "active",
    )
    return list(
        db.session.scalars(
            select(Community)
            .where(Community.id.in_(active), visible_communities(viewer))
            .order_by(Community.name)
            .limit(LIMIT)
        )
    )


def readable_targets(viewer, kind: str, ids: list[int]):
    """A query for the linked rows of one kind that the viewer may read."""
    if kind == "dpg":
        return select(Dpg).where(Dpg.id.in_(ids)).order_by(Dpg.name)
    if kind == "community":
        return (
            select(Community)
            .where(Community.id.in_(ids), visible_communities(viewer))
            .order_by(Community.name)
        )
    if kind == "event":
        return (
            select(Event)
            .where(Event.id.in_(ids), visible_events(viewer))
            .order_by(Event.start_at)
        )
    return (
        select(Lesson)
        .where(
            Lesson.id.in_(ids), Lesson.status == "published", lesson_visibility(viewer)
        )
        .order_by(Lesson.published_at.desc())
        .options(selectinload(Lesson.published_version))
    )


def activity_links(viewer, activity: RoadmapActivity) -> dict[str, list]:
    """The activity's DPGs, communities, events and lessons the viewer may read."""
    ids: dict[str, list[int]] = {kind: [] for kind in LINK_TYPES}
    for link in db.session.scalars(
        select(ActivityLink).where(ActivityLink.activity_id == activity.id)
    ):
        ids.setdefault(link.target_type, []).append(link.target_id)
    return {
        kind: _rows(readable_targets(viewer, kind, ids[kind])) if ids[kind] else []
        for kind in LINK_TYPES
    }


def _rows(query) -> list:
    return list(db.session.scalars(query.limit(100)))


def dpg_organisations(dpg: Dpg) -> list[OrganisationDpg]:
    """Who owns, funds and implements a DPG (for the DPG's own page)."""
    return list(
        db.session.scalars(
            select(OrganisationDpg)
            .join(Organisation, Organisation.id == OrganisationDpg.organisation_id)
            .where(OrganisationDpg.dpg_id == dpg.id)
            .options(contains_eager(OrganisationDpg.organisation))
            .order_by(OrganisationDpg.relation, Organisation.name)
        )
    )


def dpg_activities(dpg: Dpg) -> list[RoadmapActivity]:
    """Published roadmap activities linked to a DPG (for the DPG's own page)."""
    linked = select(ActivityLink.activity_id).where(
        ActivityLink.target_type == "dpg", ActivityLink.target_id == dpg.id
    )
    return list(
        db.session.scalars(
            select(RoadmapActivity)
            .where(
                RoadmapActivity.id.in_(linked), RoadmapActivity.is_published.is_(True)
            )
            .order_by(RoadmapActivity.title)
        )
    )


def person_affiliations(user_id: int | None) -> list[Affiliation]:
    """A person's confirmed, shown affiliations, organisation loaded: the
    organisations behind a lesson they wrote or an event they organise (the
    other side of organisation_lessons and organisation_events)."""
    if user_id is None:
        return []
    # The person and their badge come in the same statement; the rows hold
    # them, so the page's `lesson.author` / `event.organiser` sends none.
    rows = db.session.scalars(
        select(Affiliation)
        .join(Organisation, Organisation.id == Affiliation.organisation_id)
        .join(User, User.id == Affiliation.user_id)
        .where(
            Affiliation.user_id == user_id,
            Affiliation.status == "confirmed",
            Affiliation.shown_on_page.is_(True),
        )
        .options(
            contains_eager(Affiliation.organisation),
            contains_eager(Affiliation.user).joinedload(User.verified_organisation),
        )
        .order_by(Organisation.name)
        .limit(LIMIT)
    )
    return list(rows.unique())
