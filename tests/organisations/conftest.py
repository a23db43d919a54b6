"""Organisations fixtures: a staff account (factories live in factories.py)."""

import pytest

from tests.factories import make_user


@pytest.fixture
def staff(db):
    return make_user(site_role="admin")
