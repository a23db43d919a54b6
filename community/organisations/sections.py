"""Organisations on profile pages: the person's confirmed affiliations."""

from sqlalchemy import select

from community.extensions import db
from community.organisations.models import Affiliation
from community.sections import profile_section


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
