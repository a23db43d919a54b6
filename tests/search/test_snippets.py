"""Excerpts come from one part of a document, so indexed metadata (places,
DPGs, tags, an event's type) never runs into the prose (issue 20, item 9)."""

from community.search.query import parse
from community.search.snippets import snippet
from tests.search.test_search import add


def test_an_excerpt_stays_within_the_part_that_matched(client, db):
    add(
        "lesson",
        title="Civil registration pilot",
        body="Births were registered in camps.\n\nKenya, Uganda\n\nOpenCRVS, DHIS2"
        "\n\nHealth\n\nJane Doe",
        url="/learnings/crvs",
    )
    db.session.commit()
    html = client.get("/search?q=camps").get_data(as_text=True)
    assert "Births were registered in <mark>camps</mark>." in html
    assert "camps. Kenya" not in html and "Uganda OpenCRVS" not in html
    places = client.get("/search?q=uganda").get_data(as_text=True)
    assert "<p>Kenya, <mark>Uganda</mark></p>" in places


def test_without_a_match_in_the_body_the_first_part_is_shown():
    body = "The summary comes first.\n\nKenya\n\nHealth"
    assert str(snippet(body, parse("pilot"))) == "The summary comes first."
    assert str(snippet("", parse("pilot"))) == ""
