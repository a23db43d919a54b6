"""Issue 23: citations at a permanent address per version, exports carrying the
text under its licence, and the diff and comments around review (issue 20)."""

import csv
import io
import json

from tests.factories import make_community, make_lesson, make_membership, make_user
from tests.learnings.test_workflow import send_back


def test_exports_carry_text_licence_and_permanent_version_url(client, db, login):
    make_lesson(
        title="Tablets",
        licence="CC0-1.0",
        outcome="Faster",
        outcome_value=2.5,
        outcome_unit="days saved",
        tags={"block": ["payments"], "sdg": ["16", "1"]},
        sections={"learned": "Carry **spare** batteries.", "context": "=cmd|x"},
    )
    private = make_community(visibility="members")
    make_lesson(title="Members only", community=private)
    data = json.loads(client.get("/learnings/export.json").data)
    assert data["schema_version"] == "2" and data["count"] == 1
    record = data["lessons"][0]
    assert record["licence"] == "CC0-1.0"
    assert record["licence_url"].endswith("/publicdomain/zero/1.0/")
    assert record["version_url"] == "http://localhost/learnings/tablets/v/1"
    assert record["learned_markdown"] == "Carry **spare** batteries."
    assert record["learned_text"] == "Carry spare batteries."
    assert (record["outcome_value"], record["outcome_unit"]) == (2.5, "days saved")
    assert record["building_blocks"] == ["payments"] and record["sdgs"] == [1, 16]
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/learnings/export.csv").data.decode("utf-8-sig"))
        )
    )
    assert [row["title"] for row in rows] == ["Tablets"]
    assert rows[0]["licence"] == "CC0-1.0" and rows[0]["sdgs"] == "1; 16"
    assert rows[0]["context_markdown"] == "'=cmd|x"  # never a formula
    assert rows[0]["version_url"].endswith("/learnings/tablets/v/1")
    insider = make_user()
    make_membership(insider, private)
    login(insider)
    titles = {
        item["title"]
        for item in json.loads(client.get("/learnings/export.json").data)["lessons"]
    }
    assert titles == {"Tablets", "Members only"}


def test_citations_in_three_forms_at_the_permanent_address(client, db):
    lesson = make_lesson(
        title="Costs {and} 100% of_it",
        authors="A. Uwase & B. Ndayishimiye",
        organisation="Ministry of ICT",
        year=2025,
    )
    page = client.get(f"/learnings/{lesson.slug}/v/1").data.decode()
    assert f"http://localhost/learnings/{lesson.slug}/v/1" in page
    assert '<textarea id="cite-bib"' in page and '<textarea id="cite-json"' in page
    bib = client.get(f"/learnings/{lesson.slug}/v/1/cite.bib")
    assert bib.status_code == 200 and bib.mimetype == "application/x-bibtex"
    assert "attachment" in bib.headers["Content-Disposition"]
    text = bib.data.decode()
    assert text.startswith("@misc{costs_and_100_of_it_v1,")
    assert r"title = {Costs \{and\} 100\% of\_it}," in text
    assert r"author = {A. Uwase \& B. Ndayishimiye}," in text
    csl = json.loads(client.get(f"/learnings/{lesson.slug}/v/1/cite.json").data)
    assert csl[0]["type"] == "report" and csl[0]["issued"] == {"date-parts": [[2025]]}
    assert csl[0]["URL"] == f"http://localhost/learnings/{lesson.slug}/v/1"
    plain = client.get(f"/learnings/{lesson.slug}/v/1/cite.txt").data.decode()
    assert "Version 1. CC BY 4.0." in plain
    assert client.get(f"/learnings/{lesson.slug}/v/1/cite.exe").status_code == 404
    assert client.get(f"/learnings/{lesson.slug}/v/2/cite.bib").status_code == 404


def test_unpublished_and_members_only_versions_have_no_citation(client, db, login):
    draft = make_lesson(status="draft")
    assert client.get(f"/learnings/{draft.slug}/v/1").status_code == 404
    private = make_community(visibility="members")
    hidden = make_lesson(community=private)
    for path in ("", "/cite.bib", "/cite.json", "/cite.txt"):
        assert client.get(f"/learnings/{hidden.slug}/v/1{path}").status_code == 404
    login(make_user())
    assert client.get(f"/learnings/{hidden.slug}/v/1/cite.bib").status_code == 404


def test_diff_of_a_first_version_says_so_instead_of_404(client, db, login):
    lesson = make_lesson()
    page = client.get(f"/learnings/{lesson.slug}/diff")
    assert page.status_code == 200
    assert b"Version 1 is the first version" in page.data
    history = client.get(f"/learnings/{lesson.slug}/history").data.decode()
    assert "first version" in history
    assert client.get(f"/learnings/{lesson.slug}/diff?to=1").status_code == 200
    assert client.get(f"/learnings/{lesson.slug}/diff?to=5").status_code == 404
    assert client.get(f"/learnings/{lesson.slug}/diff?from=0&to=1").status_code == 404
    draft = make_lesson(status="draft")
    assert client.get(f"/learnings/{draft.slug}/diff").status_code == 404
    login(draft.author)
    assert client.get(f"/learnings/{draft.slug}/diff").status_code == 200


def test_review_comments_top_the_draft_and_sit_beside_the_edit_form(client, db, login):
    author = make_user()
    lesson = make_lesson(author, status="in_review")
    login(make_user(is_editor=True))
    assert send_back(client, lesson, "Add the survey numbers.").status_code == 302
    login(author)
    draft = client.get(f"/learnings/{lesson.slug}/draft").data.decode()
    comments = draft.index("Add the survey numbers.")
    assert comments < draft.index('<p class="lead">')  # before the lesson itself
    edit = client.get(f"/learnings/{lesson.slug}/edit").data.decode()
    assert edit.index("Add the survey numbers.") < edit.index('<form method="post"')
    login(make_user())
    assert b"survey numbers" not in client.get(f"/learnings/{lesson.slug}").data
