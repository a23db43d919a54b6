"""API fixtures: the discussions `forum`, and tokens made through the service."""

import pytest

from community.api import tokens
from community.extensions import db as _db
from tests.discussions.conftest import forum  # noqa: F401 - shared fixture


def make_token(user, scopes=("read", "write"), name="test") -> str:
    _token, raw = tokens.create_token(user, name, list(scopes))
    _db.session.commit()
    return raw


def bearer(raw: str) -> dict:
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def as_user(db):
    """as_user(user, scopes=...) -> headers carrying a fresh token of theirs."""

    def headers(user, scopes=("read", "write")) -> dict:
        return bearer(make_token(user, scopes))

    return headers
