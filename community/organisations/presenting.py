"""What an organisation page shows, gathered in one place for the view."""

from community.organisations import affiliations, related
from community.organisations.models import Organisation
from community.organisations.permissions import (
    affiliation,
    can_confirm_affiliation,
    has_manager,
    is_staff,
)


def organisation_page(viewer, organisation: Organisation) -> dict:
    managed = has_manager(organisation)
    claims = [
        claim
        for claim in affiliations.pending_claims(organisation)
        if can_confirm_affiliation(viewer, claim, managed)
    ]
    return {
        "organisation": organisation,
        "own_affiliation": affiliation(viewer, organisation),
        "people": affiliations.shown_people(organisation),
        "dpg_links": related.organisation_dpgs(organisation),
        "activity_roles": related.organisation_activities(
            viewer, organisation, published_only=not is_staff(viewer)
        ),
        "lessons": related.organisation_lessons(viewer, organisation),
        "events": related.organisation_events(viewer, organisation),
        "communities": related.organisation_communities(viewer, organisation),
        "claims": claims,
        "has_manager": managed,
    }
