"""Exports (JSON, CSV) and the Atom feed: published lessons only, filters kept."""

import csv
import io
import json
from xml.etree import ElementTree

from markupsafe import Markup

from community.learnings.diffing import word_diff
from tests.factories import make_community, make_lesson, make_membership, make_user

ATOM = "{http://www.w3.org/2005/Atom}"


def seed(db):
    author = make_user()
    make_lesson(
        author,
        title='=HYPERLINK("http://evil.example","click")',
        summary="-5 points for paper forms; +2 for tablets",
        authors="@amina",
        countries=["KE"],
        dpgs=["MOSIP"],
    )
    make_lesson(author, title="Estonian exchange", countries=["EE"], dpgs=["X-Road"])
    make_lesson(author, status="draft", title="Draft only")
    make_lesson(author, status="in_review", title="Under review")
    private = make_community(visibility="members")
    insider = make_user()
    make_membership(insider, private)
    make_lesson(author, community=private, title="Members only")
    return insider


def test_csv_has_a_bom_and_neutralised_cells(client, db):
    seed(db)
    response = client.get("/learnings/export.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    titles = sorted(row["title"] for row in rows)
    assert titles == [
        '\'=HYPERLINK("http://evil.example","click")',
        "Estonian exchange",
    ]
    risky = next(row for row in rows if row["title"].startswith("'="))
    assert risky["summary"].startswith("'-5 points")
    assert risky["authors"] == "'@amina"
    assert risky["countries"] == "KE" and risky["regions"] == "Africa"


def test_exports_follow_the_filters_and_never_include_drafts(client, db, login):
    insider = seed(db)
    data = json.loads(client.get("/learnings/export.json?country=EE").data)
    assert data["count"] == 1
    assert data["lessons"][0]["title"] == "Estonian exchange"
    assert data["lessons"][0]["dpgs"] == ["X-Road"]
    assert data["lessons"][0]["url"].endswith("/learnings/estonian-exchange")
    everything = json.loads(client.get("/learnings/export.json").data)
    titles = {lesson["title"] for lesson in everything["lessons"]}
    assert "Draft only" not in titles and "Under review" not in titles
    assert "Members only" not in titles
    login(insider)
    titles = {
        lesson["title"]
        for lesson in json.loads(client.get("/learnings/export.json").data)["lessons"]
    }
    assert "Members only" in titles and "Draft only" not in titles


def test_atom_feed_is_valid_and_filtered(client, db, login):
    insider = seed(db)
    response = client.get("/learnings/feed.atom")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    root = ElementTree.fromstring(response.data)  # noqa: S314 - our own output
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None
    self_link = root.find(f"{ATOM}link[@rel='self']")
    assert self_link.get("href") == "http://localhost/learnings/feed.atom"
    entries = root.findall(f"{ATOM}entry")
    titles = sorted(entry.find(f"{ATOM}title").text for entry in entries)
    assert titles == ['=HYPERLINK("http://evil.example","click")', "Estonian exchange"]
    for entry in entries:
        for required in ("id", "title", "updated", "link", "summary", "author"):
            assert entry.find(f"{ATOM}{required}") is not None
        assert entry.find(f"{ATOM}updated").text.endswith("Z")
    login(insider)
    feed = client.get("/learnings/feed.atom").data
    root = ElementTree.fromstring(feed)  # noqa: S314 - our own output
    assert len(root.findall(f"{ATOM}entry")) == 3


def test_word_diff_escapes_everything_it_marks():
    result = word_diff("Use <b>paper</b> forms", "Use <i>tablet</i> forms & apps")
    assert isinstance(result, Markup)
    assert result == (
        "Use <del>&lt;b&gt;paper&lt;/b&gt;</del><ins>&lt;i&gt;tablet&lt;/i&gt;</ins>"
        " forms<ins> &amp; apps</ins>"
    )
    assert word_diff("same text", "same text") == "same text"
