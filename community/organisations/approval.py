"""What approving an application does: the organisation is listed as a roadmap
member (made from the application if it is new), each proposed activity becomes
a draft it leads, it joins the activities it chose as a partner, and a member
who applied claims to manage its page (staff or managers confirm that claim)."""

from sqlalchemy import select

from community.extensions import db
from community.organisations import affiliations, organising
from community.organisations.application_models import JoinApplication
from community.organisations.models import Organisation
from community.organisations.roadmap_models import ActivityOrganisation, RoadmapActivity
from community.timezones import utcnow


def approve(actor, application: JoinApplication) -> Organisation:
    """List the organisation as a roadmap member; proposed activities become drafts."""
    organisation = application.organisation or organising.find_by_name(
        application.organisation_name
    )
    if organisation is None:
        organisation = organising.create_organisation(
            actor,
            application.organisation_name,
            kind=application.organisation_kind,
            country_code=application.organisation_country,
            website=application.organisation_website,
            description=application.what_it_does,
        )
    application.organisation_id = organisation.id
    organisation.roadmap_member_since = organisation.roadmap_member_since or utcnow()
    _draft_activities(organisation, application)
    _join_activities(organisation, application)
    if application.applicant is not None:
        affiliations.claim(application.applicant, organisation, "manager", True)
    return organisation


def _draft_activities(organisation: Organisation, application: JoinApplication) -> None:
    """Each proposed activity becomes a draft the organisation leads."""
    objective = (application.objective_keys or ["knowledge"])[0]
    for title in application.proposed_titles[:10]:
        draft = RoadmapActivity(
            slug=organising.unique_slug(RoadmapActivity, title),
            objective=objective,
            title=title[:200],
            is_published=False,
        )
        draft.organisations.append(
            ActivityOrganisation(organisation_id=organisation.id, role="lead")
        )
        db.session.add(draft)
        db.session.flush()


def _join_activities(organisation: Organisation, application: JoinApplication) -> None:
    ids = [int(i) for i in application.activity_ids.split() if i.isdigit()]
    for activity in db.session.scalars(
        select(RoadmapActivity).where(RoadmapActivity.id.in_(ids))
    ):
        if all(
            row.organisation_id != organisation.id for row in activity.organisations
        ):
            activity.organisations.append(
                ActivityOrganisation(organisation_id=organisation.id, role="partner")
            )
