"""“Did you mean”: near words from what the reader may see, shown only when the
corrected search finds something; never a members-only or removed word."""

import pytest

from community.search.indexing import reindex_all, remove_document
from community.search.spelling import edit_distance
from tests.factories import make_community, make_membership, make_user
from tests.search.test_search import add


@pytest.fixture
def words(db):
    public = make_community(slug="govstack")
    private = make_community(slug="peers", visibility="members")
    add(
        community=public,
        title="Enrolment camps",
        body="Interoperability of registries.",
    )
    add(community=private, title="Procurement secrets", body="Tender for biometrics.")
    db.session.commit()
    return public, private


def suggestion(response) -> str | None:
    html = response.get_data(as_text=True)
    if "Did you mean" not in html:
        return None
    return html.split("Did you mean ")[1].split("</a>")[0].split(">")[-1]


def test_a_misspelling_gets_a_suggestion_that_finds_something(client, words):
    response = client.get("/search?q=interoprability")
    assert response.status_code == 200 and b"Nothing matched" in response.data
    assert suggestion(response) == "interoperability"
    assert 'href="/search?q=interoperability"' in response.get_data(as_text=True)
    assert suggestion(client.get("/search?q=enrolmnet+camps")) == "enrolment camps"
    assert suggestion(client.get("/search?q=regsitries")) == "registries"  # a swap


def test_the_filters_stay_on_the_suggestion(client, words):
    html = client.get("/search?q=enrolmnet&community=govstack").get_data(as_text=True)
    assert 'href="/search?q=enrolment&amp;community=govstack"' in html


def test_no_suggestion_when_results_were_found_or_nothing_is_near(client, words):
    assert suggestion(client.get("/search?q=enrolment")) is None
    assert suggestion(client.get("/search?q=zzzzqqq")) is None
    # A near word that finds nothing with the other words is not offered.
    assert suggestion(client.get("/search?q=enrolmnet+biometrics")) is None


def test_members_only_words_never_show_through(client, words, login):
    _public, private = words
    assert suggestion(client.get("/search?q=biometircs")) is None
    assert suggestion(client.get("/search?q=biometics")) is None
    login(make_user())
    assert suggestion(client.get("/search?q=biometircs")) is None
    member = make_user()
    make_membership(member, private)
    login(member)
    assert suggestion(client.get("/search?q=biometircs")) == "biometrics"


def test_words_of_removed_documents_are_not_offered(client, db, words):
    add(object_id=500, title="Sandbox", body="Tigerbeetle ledger")
    db.session.commit()
    assert suggestion(client.get("/search?q=tigerbeatle")) == "tigerbeetle"
    remove_document("thread", 500)
    db.session.commit()
    assert suggestion(client.get("/search?q=tigerbeatle")) is None


def test_reindex_rebuilds_the_vocabulary(app, client, words, db):
    from sqlalchemy import func, select

    from community.search.models import SearchTerm

    before = db.session.scalar(select(func.count()).select_from(SearchTerm))
    reindex_all()  # no feature source registers these test documents
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(SearchTerm)) < before


def test_suggesting_runs_a_bounded_number_of_queries(client, words, count_queries):
    with count_queries() as counter:
        client.get("/search?q=enrolmnet+interoprability+registires")
    assert counter.count <= 12, counter.statements


@pytest.mark.parametrize(
    "one, other, distance",
    [
        ("enrolment", "enrolment", 0),
        ("enrolmnet", "enrolment", 1),  # neighbours swapped
        ("enrolmen", "enrolment", 1),
        ("enrolmant", "enrolment", 1),
        ("nrolmnt", "enrolment", 2),
        ("abc", "xyz", 3),
    ],
)
def test_edit_distance(one, other, distance):
    assert edit_distance(one, other, 2) == min(distance, 3)
