"""What an organisation page shows, gathered in one place for the view."""

from community.organisations import affiliations, related
from community.organisations.models import Organisation
from community.organisations.permissions import (
    affiliation,
    can_confirm_affiliation,
    has_manager,
    is_manager,
    is_staff,
)


def claims_and_manager(viewer, organisation: Organisation) -> tuple[list, bool]:
    """(pending claims the viewer may decide, whether it has a manager). Claims
    are read only for staff and managers; whether there is a manager matters
    only for a government body (only staff confirm its first one)."""
    if not (is_staff(viewer) or is_manager(viewer, organisation)):
        return [], organisation.is_government and has_manager(organisation)
    rows = affiliations.claims_and_managers(organisation)
    managed = any(row.is_manager for row in rows)
    claims = [
        row
        for row in rows
        if row.status == "pending" and can_confirm_affiliation(viewer, row, managed)
    ]
    return claims, managed


def organisation_page(viewer, organisation: Organisation) -> dict:
    claims, managed = claims_and_manager(viewer, organisation)
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
