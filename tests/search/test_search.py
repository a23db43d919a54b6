from datetime import timedelta

import pytest

from community.search.indexing import REINDEXERS, index_document, remove_document
from community.timezones import utcnow
from tests.factories import make_community, make_membership, make_user


def add(kind="thread", object_id=None, community=None, **values):
    add.counter = getattr(add, "counter", 0) + 1
    document = {
        "title": "Untitled",
        "body": "",
        "url": f"/t/{add.counter}",
        "community_id": community.id if community else None,
        "happened_at": utcnow(),
    }
    document.update(values)
    index_document(kind, object_id or add.counter, **document)


@pytest.fixture
def corpus(db):
    public = make_community(slug="govstack")
    private = make_community(slug="peers", visibility="members")
    add(
        community=public,
        title="How did others handle MOSIP enrolment offline?",
        body="We run enrolment camps in rural districts without network.",
        solved=True,
        happened_at=utcnow() - timedelta(days=3),
    )
    add(
        community=public,
        title="Registration kits",
        body="Our MOSIP kits sync at night; enrolment offline works with care.",
        happened_at=utcnow() - timedelta(days=1),
    )
    add(
        "event",
        community=public,
        title="Webinar: payments interoperability",
        body="Mojaloop switch operators share lessons.",
        url="/events/1",
    )
    add(
        "lesson",
        title="Civil registration in the field",
        body="OpenCRVS offline enrolment of births; do not forget training.",
        url="/learnings/crvs",
    )
    add(
        community=private,
        title="Secret budget talk about MOSIP",
        body="Only for government peers: enrolment costs.",
    )
    db.session.commit()
    return public, private


def titles(response):
    html = response.get_data(as_text=True)
    return [
        part.split("</a></h2>")[0].split(">")[-1] for part in html.split("<h2><a")[1:]
    ]


def test_all_words_must_match_and_title_hits_rank_first(client, corpus):
    response = client.get("/search?q=MOSIP+enrolment+offline")
    assert response.status_code == 200
    assert titles(response)[:2] == [
        "How did others handle MOSIP enrolment offline?",
        "Registration kits",
    ]
    assert "Secret budget" not in response.get_data(as_text=True)
    assert "2 results" in response.get_data(as_text=True)


def test_stemming_finds_variants(client, corpus):
    assert "Civil registration in the field" in titles(
        client.get("/search?q=enrol+births")
    )
    assert "Registration kits" in titles(client.get("/search?q=syncing"))


def test_exact_phrase(client, corpus):
    found = titles(client.get('/search?q="enrolment+offline"'))
    assert "Registration kits" in found
    assert "How did others handle MOSIP enrolment offline?" in found
    assert (
        "Civil registration in the field" not in found
    )  # words apart: "offline enrolment"


def test_excluding_a_word(client, corpus):
    found = titles(client.get("/search?q=enrolment+-camps"))
    assert "How did others handle MOSIP enrolment offline?" not in found
    assert "Registration kits" in found


def test_members_only_content_is_found_only_by_members(client, corpus, login):
    _public, private = corpus
    assert "Secret budget talk about MOSIP" not in titles(
        client.get("/search?q=budget")
    )
    outsider = login(make_user())
    assert titles(client.get("/search?q=budget")) == []
    member = make_user()
    make_membership(member, private)
    login(member)
    assert titles(client.get("/search?q=budget")) == ["Secret budget talk about MOSIP"]
    login(make_user(site_role="admin"))
    assert titles(client.get("/search?q=budget")) == ["Secret budget talk about MOSIP"]
    pending = make_user()
    make_membership(pending, private, status="pending")
    login(pending)
    assert titles(client.get("/search?q=budget")) == []
    assert outsider  # an ordinary signed-in non-member was checked above


def test_filters_kind_community_solved_and_date_sort(client, corpus):
    assert titles(client.get("/search?q=mosip&kind=lesson")) == []
    assert titles(client.get("/search?q=lessons&kind=event")) == [
        "Webinar: payments interoperability"
    ]
    assert titles(client.get("/search?q=enrolment&kind=thread&solved=1")) == [
        "How did others handle MOSIP enrolment offline?"
    ]
    by_date = titles(client.get("/search?q=enrolment&sort=date"))
    assert by_date.index("Registration kits") < by_date.index(
        "How did others handle MOSIP enrolment offline?"
    )
    within = titles(client.get("/search?q=enrolment&community=govstack"))
    assert "Civil registration in the field" not in within and len(within) == 2
    assert titles(client.get("/search?q=budget&community=peers")) == []


def test_index_follows_edits_and_removals(client, corpus, db):
    add(object_id=900, title="Draft title", body="nothing special")
    db.session.commit()
    assert titles(client.get("/search?q=special")) == ["Draft title"]
    add(object_id=900, title="Edited title", body="now about procurement")
    db.session.commit()
    assert titles(client.get("/search?q=special")) == []
    assert titles(client.get("/search?q=procurement")) == ["Edited title"]
    remove_document("thread", 900)
    db.session.commit()
    assert titles(client.get("/search?q=procurement")) == []


def test_snippet_is_escaped_then_highlighted(client, db):
    add(title="Markup", body="<script>alert(1)</script> enrolment & more")
    db.session.commit()
    html = client.get("/search?q=enrolment").get_data(as_text=True)
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; <mark>enrolment</mark> &amp; more"
        in html
    )
    assert "<script>alert(1)" not in html


@pytest.mark.parametrize(
    "query",
    [
        "' OR 1=1 --",
        "MOSIP' OR 1=1 --",
        '"',
        '"unclosed phrase',
        "*",
        "mosip*",
        "NEAR(",
        "NEAR(a b)",
        "a AND OR NOT b",
        "title:mosip",
        "^mosip",
        "(mosip",
        "mosip)",
        "\\",
        "%",
        "_",
        "--",
        "💥 mosip",
        "a" * 199,
        "ünïcödé enrolment",
    ],
)
def test_hostile_queries_never_break(client, corpus, query):
    response = client.get("/search", query_string={"q": query})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert b"at least one word" in response.data


def test_only_symbols_or_exclusions_get_a_clear_message(client, corpus):
    for query in ["***", "!!! ???", "-mosip", '""']:
        response = client.get("/search", query_string={"q": query})
        assert response.status_code == 400
        assert b"Search for at least one word" in response.data
        assert query.encode() in response.data or b"&#34;" in response.data


def test_very_long_query_is_refused_with_a_message(client, corpus):
    response = client.get("/search", query_string={"q": "mosip " * 2000})
    assert response.status_code == 400
    assert b"Use at most 200" in response.data


def test_empty_query_shows_help(client, db):
    for query in ["", "   "]:
        response = client.get("/search", query_string={"q": query})
        assert response.status_code == 200
        assert b"Type a question or a few words" in response.data


def test_pagination(client, db):
    for number in range(25):
        add(title=f"Forum note {number}", body="interoperability")
    db.session.commit()
    first = client.get("/search?q=interoperability")
    assert len(titles(first)) == 20 and b"Page 1 of 2" in first.data
    assert len(titles(client.get("/search?q=interoperability&page=2"))) == 5
    assert titles(client.get("/search?q=interoperability&page=99")) == []


def test_reindex_command_rebuilds_from_the_registered_sources(app, client, corpus):
    def one_source():
        yield {
            "object_id": 77,
            "title": "Rebuilt document",
            "body": "x-road federation",
            "url": "/t/77",
            "community_id": None,
            "happened_at": utcnow(),
        }

    REINDEXERS["thread"] = one_source
    try:
        result = app.test_cli_runner().invoke(args=["search", "reindex"])
    finally:
        del REINDEXERS["thread"]
    assert result.exit_code == 0, result.output
    assert "thread: 1 documents" in result.output
    assert titles(client.get("/search?q=federation")) == ["Rebuilt document"]
    assert titles(client.get("/search?q=mosip")) == []


def test_community_page_offers_a_search_within_it(client, corpus):
    page = client.get("/c/govstack").get_data(as_text=True)
    assert 'name="community" value="govstack"' in page
    assert 'action="/search"' in page


def test_counting_stops_at_the_cap(client, db, monkeypatch):
    from community.search import engine

    monkeypatch.setattr(engine, "COUNT_CAP", 3)
    for number in range(5):
        add(title=f"Registry note {number}", body="civil registry")
    db.session.commit()
    page = client.get("/search?q=registry").get_data(as_text=True)
    assert "More than 3 results" in page
    assert len(titles(client.get("/search?q=registry"))) == 5  # the page is not cut


def test_a_broad_query_keeps_ranking_dates_and_visibility(
    client, db, login, monkeypatch
):
    """Past COUNT_CAP matches the engines read the newest matches by walking
    the date index (issue 22): same rules, same answers."""
    from community.search import engine

    monkeypatch.setattr(engine, "COUNT_CAP", 3)
    public = make_community(slug="open")
    private = make_community(slug="closed", visibility="members")
    now = utcnow()
    for number in range(5):
        add(
            community=public,
            title=f"Note {number}",
            body="the civil registry",
            happened_at=now - timedelta(days=10 - number),
        )
    earlier = now - timedelta(days=1)
    add(community=public, title="Registry design", body="how", happened_at=earlier)
    add(community=public, title="Registry camps", body="camps", happened_at=earlier)
    add(community=private, title="Hidden", body="registry budget", happened_at=now)
    db.session.commit()
    ranked = titles(client.get("/search?q=registry"))
    assert set(ranked[:2]) == {"Registry design", "Registry camps"}  # title hits
    assert "Hidden" not in ranked
    assert len(ranked) == 7
    assert "Registry camps" not in titles(client.get("/search?q=registry+-camps"))
    newest = titles(client.get("/search?q=registry&sort=newest"))
    assert newest[-5:] == [f"Note {number}" for number in range(4, -1, -1)]
    assert "Hidden" not in newest
    member = make_user()
    make_membership(member, private)
    login(member)
    assert titles(client.get("/search?q=registry&sort=newest"))[0] == "Hidden"
    assert "Hidden" in titles(client.get("/search?q=registry"))


def test_a_broad_query_pages_through_every_match_once(client, db, monkeypatch):
    """A broad query ranks a candidate set (title matches and the newest
    matches); a page deeper than the set widens it, so paging through the
    results lists every match once and no page is short but the last."""
    from community.search import engine

    monkeypatch.setattr(engine, "COUNT_CAP", 45)  # 45 matches: a broad query
    monkeypatch.setattr(engine, "CANDIDATES", 4)
    now = utcnow()
    for number in range(45):
        title = f"Registry note {number}" if number % 3 == 0 else f"Note {number}"
        add(
            title=title,
            body="the civil registry",
            happened_at=now - timedelta(hours=number),
        )
    db.session.commit()
    pages = [titles(client.get(f"/search?q=registry&page={n}")) for n in (1, 2, 3)]
    assert [len(page) for page in pages] == [20, 20, 5]
    found = [title for page in pages for title in page]
    assert len(set(found)) == 45
    assert found[0].startswith("Registry note")  # a title hit ranks first
