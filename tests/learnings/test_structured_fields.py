"""Issue 23: a lesson's licence and structured fields (outcome, cost, duration,
GovStack building blocks, SDGs), written over HTTP, versioned, and faceted."""

from sqlalchemy import select

from community.learnings.models import Lesson
from tests.factories import make_community, make_lesson, make_membership, make_user
from tests.learnings.test_authoring import VALID
from tests.learnings.test_workflow import publish, refreshed

STRUCTURED = {
    "licence": "CC-BY-SA-4.0",
    "outcome": "Queues at the registry got shorter.",
    "outcome_value": "40",
    "outcome_unit": "% shorter queues",
    "cost_amount": "120000",
    "cost_currency": "usd",
    "duration_months": "9",
    "building_blocks": ["registration", "identity"],
    "sdgs": ["16", "3"],
}


def test_author_sets_licence_and_structured_fields(client, db, login):
    login(make_user())
    response = client.post("/learnings/new", data={**VALID, **STRUCTURED})
    assert response.status_code == 302
    version = db.session.scalar(select(Lesson)).working_version
    assert version.licence == "CC-BY-SA-4.0"
    assert version.outcome_figure == "40 % shorter queues"
    assert (version.cost_amount, version.cost_currency) == (120000, "USD")
    assert version.duration_months == 9
    assert version.tag_values("block") == ["identity", "registration"]
    assert version.tag_values("sdg") == ["3", "16"]  # in number order
    page = client.get(response.headers["Location"]).data.decode()
    licence = 'rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/"'
    assert licence in page
    assert "USD 120,000" in page and "9 months" in page
    assert "SDG 16: Peace, justice and strong institutions" in page
    assert 'href="/learnings/?block=registration"' in page
    edit = client.get(response.headers["Location"].replace("/draft", "/edit"))
    assert b'checked id="building_blocks-6"' in edit.data  # prefilled for editing


def test_licence_defaults_to_cc_by(client, db, login):
    login(make_user())
    assert client.post("/learnings/new", data=VALID).status_code == 302
    assert db.session.scalar(select(Lesson)).working_version.licence == "CC-BY-4.0"


def test_bad_structured_input_is_refused_with_the_text_kept(client, db, login):
    login(make_user())
    bad_values = [
        {"licence": "GPL-3.0"},
        {"outcome_value": "nan"},
        {"outcome_value": "forty"},
        {"cost_amount": "-5", "cost_currency": "USD"},
        {"cost_amount": "9" * 30, "cost_currency": "USD"},
        {"cost_amount": "100"},  # no currency
        {"cost_amount": "100", "cost_currency": "U$"},
        {"duration_months": "99999"},
        {"building_blocks": ["teleportation"]},
        {"sdgs": ["18"]},
        {"outcome": "x" * 501},
    ]
    for bad in bad_values:
        response = client.post("/learnings/new", data={**VALID, **bad})
        assert response.status_code == 400, bad
        assert VALID["summary"].encode() in response.data, bad
    assert db.session.scalar(select(Lesson)) is None


def test_structured_fields_belong_to_a_version_and_go_through_review(
    client, db, login, logout
):
    author = make_user()
    lesson = make_lesson(author, tags={"block": ["payments"], "sdg": ["1"]})
    login(author)
    assert client.post(f"/learnings/{lesson.slug}/revise").status_code == 302
    form = {**VALID, **STRUCTURED, "title": lesson.published_version.title}
    assert client.post(f"/learnings/{lesson.slug}/edit", data=form).status_code == 302
    assert client.post(f"/learnings/{lesson.slug}/submit").status_code == 302
    logout()
    public = client.get(f"/learnings/{lesson.slug}").data.decode()
    assert "Payments" in public and "Registration" not in public
    login(make_user(is_editor=True))
    queue = client.get("/learnings/review").data.decode()
    assert f'href="/learnings/{lesson.slug}/diff?to=2"' in queue  # linked
    diff = client.get(f"/learnings/{lesson.slug}/diff?to=2").data.decode()
    assert "<del>Payments</del><ins>Identity and Verification; Registration</ins>" in (
        diff
    )
    assert "CC <del>BY</del><ins>BY-SA</ins> 4.0" in diff  # the licence
    assert publish(client, refreshed(db, lesson)).status_code == 302
    logout()
    assert b"Registration" in client.get(f"/learnings/{lesson.slug}").data
    assert b"Payments" in client.get(f"/learnings/{lesson.slug}/v/1").data


def test_facets_count_building_blocks_and_sdgs_the_viewer_may_read(client, db, login):
    make_lesson(title="Ids", tags={"block": ["identity"], "sdg": ["16"]})
    make_lesson(title="Pay", tags={"block": ["identity", "payments"], "sdg": ["1"]})
    private = make_community(visibility="members")
    make_lesson(title="Hidden", community=private, tags={"block": ["payments"]})
    page = client.get("/learnings/").data.decode()
    assert "GovStack building block" in page
    assert 'block=identity">Identity and Verification</a> <span class="muted">(2)' in (
        page
    )
    assert 'block=payments">Payments</a> <span class="muted">(1)' in page
    filtered = client.get("/learnings/?block=payments&sdg=1").data.decode()
    assert "1 lesson" in filtered and ">Pay</a>" in filtered
    assert ">Ids</a>" not in filtered and "Hidden" not in filtered
    # Unknown values are dropped, not an error.
    assert client.get("/learnings/?block=%3Cscript%3E&sdg=99").status_code == 200
    insider = make_user()
    make_membership(insider, private)
    login(insider)
    page = client.get("/learnings/?block=payments").data.decode()
    assert "2 lessons" in page and "Hidden" in page


def test_phone_library_puts_filters_behind_a_disclosure_with_chips(client, db):
    make_lesson(title="Ids", countries=["KE"], tags={"block": ["identity"]})
    page = client.get("/learnings/?country=KE&block=identity&q=Ids").data.decode()
    assert page.index('<details class="facets"') < page.index('class="results"')
    assert "<summary>Filters" in page and "(3 active)" in page
    chips = page[page.index('class="chips"') : page.index("</ul>", page.index("chips"))]
    # Each chip drops its own filter and keeps the others.
    assert 'href="/learnings/?block=identity&amp;q=Ids"' in chips
    assert 'href="/learnings/?country=KE&amp;q=Ids"' in chips
    assert 'href="/learnings/?country=KE&amp;block=identity"' in chips
    assert "Clear every filter" in chips
    assert "(1)" in page  # counts kept
