"""Organisation factories (beside tests/factories.py): they commit."""

from community.extensions import db
from community.organisations.affiliations import refresh_badge
from community.organisations.models import Affiliation
from community.organisations.organising import create_organisation
from tests.factories import unique


def make_organisation(**fields):
    """An organisation made through the service (a unique name by default)."""
    name = fields.pop("name", None) or unique("Organisation ")
    organisation = create_organisation(None, name, **fields)
    db.session.commit()
    return organisation


def make_affiliation(user, organisation, role="member", status="confirmed"):
    """An affiliation row as it stands after a claim (and a confirmation)."""
    row = Affiliation(
        user_id=user.id, organisation_id=organisation.id, role=role, status=status
    )
    db.session.add(row)
    db.session.flush()
    refresh_badge(user)
    db.session.commit()
    return row
