"""Contract tests: schemathesis generates requests from /api/v1/openapi.json
(valid and invalid ones) and sends them to the app: no 5xx, every response
matches its documented schema, status and content type, and no request the
description forbids is accepted. Bounded examples per operation.

A schema-valid request is not promised a 2xx (positive_data_acceptance is off),
since rules only the forms and services know answer 4xx with a problem.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config._checks import (
    MISSING_REQUIRED_HEADER_EXPECTED_STATUSES,
    MissingRequiredHeaderConfig,
)
from schemathesis.specs.openapi.checks import positive_data_acceptance

from community import create_app
from config import TestConfig
from tests.api.conftest import bearer, make_token
from tests.factories import make_event, make_lesson, make_reply

EXAMPLES = 20


def served_description() -> dict:
    """The description as the app serves it (no database needed for that)."""
    return create_app(TestConfig).test_client().get("/api/v1/openapi.json").json


schema = schemathesis.openapi.from_dict(served_description())
# If-Match missing is 428 Precondition Required (RFC 6585), which the check's
# default list of refusals does not name.
schema.config.checks.missing_required_header = MissingRequiredHeaderConfig(
    expected_statuses=[*MISSING_REQUIRED_HEADER_EXPECTED_STATUSES, "428"]
)


@pytest.fixture
def token_headers(db, forum):
    """A member's read-write token, and some content for path ids to find."""
    make_reply(forum.thread, forum.member, "A reply for the contract tests")
    make_event(forum.community, forum.moderator)
    make_lesson(author=forum.member)
    # identity: the WSGI client would not undo Flask-Compress's gzip.
    return {**bearer(make_token(forum.member)), "Accept-Encoding": "identity"}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_contract(app, case, token_headers):
    # A schema-valid request may still break a rule only the form or the
    # service knows (a 4-character title, a closed RSVP): 4xx is a fair answer.
    excluded = [positive_data_acceptance]
    case.call_and_validate(app=app, headers=token_headers, excluded_checks=excluded)
