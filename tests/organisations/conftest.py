"""Organisations fixtures: records made through the service, a staff account."""

import pytest

from community.organisations.organising import create_organisation
from tests.factories import make_user, unique


def make_organisation(**fields):
    from community.extensions import db

    name = fields.pop("name", None) or unique("Organisation ")
    organisation = create_organisation(None, name, **fields)
    db.session.commit()
    return organisation


@pytest.fixture
def staff(db):
    return make_user(site_role="admin")
