"""/search's filters: type, community, author, tag, dates, country, DPG, sort;
checked by a form (bad values: 400 with a message), old names kept working."""

from datetime import UTC, datetime, timedelta

import pytest

from community.search.indexing import reindex_all
from community.timezones import utcnow
from tests.factories import make_community, make_membership, make_user
from tests.search.test_search import add, titles


@pytest.fixture
def shelf(db, client, login):
    """Threads with replies through the real posting path, plus other kinds."""
    public = make_community(slug="govstack")
    private = make_community(slug="peers", visibility="members")
    amina, ravi, insider = (
        make_user(username=name) for name in ("amina", "ravi", "kim")
    )
    for person in (amina, ravi):
        make_membership(person, public)
    make_membership(insider, private)
    login(amina)
    start(client, public, "Offline kits for enrolment", "Kits lose sync.", "mosip")
    login(ravi)
    thread = thread_id(public, "Offline kits")
    client.post(f"/t/{thread}/reply", data={"body": "Batching helps the kits sync."})
    login(insider)
    start(client, private, "Secret kits budget", "Kits cost too much.", "mosip")
    client.post("/auth/logout")
    add(
        "event",
        community=public,
        title="Kits webinar",
        body="Offline kits.",
        happened_at=datetime(2026, 3, 10, 12, tzinfo=UTC),
    )
    add(
        "lesson",
        title="Kits in the field",
        body="Offline kits in Kenya.",
        happened_at=datetime(2025, 6, 1, tzinfo=UTC),
    )
    db.session.commit()
    return {"public": public, "private": private, "amina": amina, "ravi": ravi}


def start(client, community, title, body, tags=""):
    data = {"title": title, "kind": "question", "body": body, "tags": tags}
    assert client.post(f"/c/{community.slug}/new", data=data).status_code == 302


def thread_id(community, prefix: str) -> int:
    from sqlalchemy import select

    from community.discussions.models import Thread
    from community.extensions import db

    return db.session.scalar(select(Thread.id).where(Thread.title.startswith(prefix)))


def test_type_separates_threads_replies_and_other_kinds(client, shelf):
    assert titles(client.get("/search?q=kits&type=thread")) == [
        "Offline kits for enrolment"
    ]
    assert titles(client.get("/search?q=kits&type=post")) == [
        "Reply in “Offline kits for enrolment”"
    ]
    assert titles(client.get("/search?q=kits&type=event")) == ["Kits webinar"]
    assert titles(client.get("/search?q=kits&type=lesson")) == ["Kits in the field"]


def test_a_match_in_a_reply_lands_on_the_reply(client, shelf):
    from sqlalchemy import select

    from community.discussions.models import Post
    from community.extensions import db

    reply = db.session.scalar(select(Post).where(Post.body_source.startswith("Batch")))
    page = client.get("/search?q=batching").get_data(as_text=True)
    assert f'<h2><a href="/p/{reply.id}">' in page
    landing = client.get(f"/p/{reply.id}")
    assert landing.status_code == 302
    assert landing.location.endswith(f"#p{reply.id}")


def test_old_kind_parameter_and_date_sort_still_work(client, shelf):
    assert titles(client.get("/search?q=kits&kind=event")) == ["Kits webinar"]
    by_date = client.get("/search?q=kits&sort=date")
    assert by_date.status_code == 200
    assert titles(by_date) == titles(client.get("/search?q=kits&sort=newest"))
    assert titles(by_date)[-1] == "Kits in the field"  # the oldest


def test_author_filter(client, shelf):
    assert titles(client.get("/search?q=kits&author=ravi")) == [
        "Reply in “Offline kits for enrolment”"
    ]
    assert titles(client.get("/search?q=kits&author=amina")) == [
        "Offline kits for enrolment"
    ]
    assert titles(client.get("/search?q=kits&author=nobody-here")) == []
    # The author of members-only content: nothing shows through for outsiders.
    assert titles(client.get("/search?q=kits&author=kim")) == []


def test_tag_filter_covers_the_thread_and_its_replies(client, shelf, login):
    found = titles(client.get("/search?q=kits&tag=mosip"))
    assert sorted(found) == [
        "Offline kits for enrolment",
        "Reply in “Offline kits for enrolment”",
    ]
    assert titles(client.get("/search?q=kits&tag=MOSIP")) == found  # tags are lowercase
    assert titles(client.get("/search?q=kits&tag=unknown")) == []
    login(make_user(site_role="admin"))
    assert "Secret kits budget" in titles(client.get("/search?q=kits&tag=mosip"))


def test_tag_filter_honours_a_synonym(client, shelf, login):
    login(make_user(site_role="admin"))
    page = "/c/govstack/tags/mosip/synonyms"
    assert client.post(page, data={"name": "id-platform"}).status_code == 302
    client.post("/auth/logout")
    found = titles(client.get("/search?q=kits&tag=id-platform"))
    assert found == titles(client.get("/search?q=kits&tag=mosip"))
    assert len(found) == 2  # the thread and its reply, not the members-only one


def test_date_range(client, shelf):
    assert titles(client.get("/search?q=kits&from=2025-01-01&to=2025-12-31")) == [
        "Kits in the field"
    ]
    assert titles(client.get("/search?q=kits&from=2026-03-10&to=2026-03-10")) == [
        "Kits webinar"
    ]
    recent = titles(client.get(f"/search?q=kits&from={utcnow().date()}"))
    assert "Kits webinar" not in recent and "Offline kits for enrolment" in recent


def test_community_filter_and_a_hidden_community_matches_nothing(client, shelf):
    within = titles(client.get("/search?q=kits&community=govstack"))
    assert "Kits in the field" not in within and "Kits webinar" in within
    assert titles(client.get("/search?q=kits&community=peers")) == []


@pytest.mark.parametrize(
    "query, message",
    [
        ("type=secret", b"Choose one of the options offered."),
        ("kind=secret", b"Choose one of the options offered."),
        ("from=yesterday", b"Give a date as year-month-day"),
        ("to=2026-13-45", b"Give a date as year-month-day"),
        ("from=2026-05-01&to=2026-04-01", b"The end date comes before the start date."),
        ("country=Kenya", b"two-letter code"),
        ("country=ZZ", b"two-letter code"),
        ("sort=random", b"Choose one of the options offered."),
        ("author=" + "x" * 200, b"80 characters or fewer"),
    ],
)
def test_bad_filter_values_get_a_message_not_a_500(client, shelf, query, message):
    response = client.get(f"/search?q=kits+offline&{query}")
    assert response.status_code in (200, 400)
    assert message in response.data
    assert b'value="kits offline"' in response.data  # what they typed is kept
    if response.status_code == 400:
        assert b"There is a problem" in response.data


def test_unknown_values_match_nothing(client, shelf):
    for query in ("tag=nope", "dpg=nope", "author=nope", "community=nope"):
        response = client.get(f"/search?q=kits&{query}")
        assert response.status_code == 200 and b"Nothing matched" in response.data


def test_api_reads_the_same_filters(client, shelf):
    body = client.get("/api/v1/search?q=kits&type=post").get_json()
    assert [item["title"] for item in body["items"]] == ["Offline kits for enrolment"]
    assert body["items"][0]["url"].startswith("/p/")
    assert (
        client.get("/api/v1/search?q=kits&kind=event").get_json()["items"][0]["title"]
        == "Kits webinar"
    )
    refused = client.get("/api/v1/search?q=kits&from=2026-05-01&to=2026-04-01")
    assert refused.status_code == 400
    assert client.get("/api/v1/search?q=kits&sort=newest").status_code == 200


def test_the_no_results_page_helps(client, shelf):
    page = client.get(
        "/search?q=kits&type=event&community=govstack&from=2020-01-01&to=2020-12-31"
    )
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Nothing matched" in html
    # One link per filter, each taking that filter away and keeping the rest.
    assert (
        'href="/search?q=kits&amp;community=govstack&amp;from=2020-01-01&amp;to=2020-12-31"'
        in html
    )
    assert "Search without “To: 2020-12-31”" in html
    assert "Search without “Show: Event”" in html
    for target in ('href="/c/"', 'href="/learnings/"', 'href="/events/"'):
        assert target in html


def test_reindex_keeps_replies_as_documents(client, shelf, db):
    reindex_all()
    db.session.commit()
    assert titles(client.get("/search?q=batching")) == [
        "Reply in “Offline kits for enrolment”"
    ]


def test_moving_visibility_reaches_the_replies(client, shelf, db):
    """A thread whose community turns members-only leaves outsiders' results,
    replies included (the check is the community's, at query time)."""
    shelf["public"].visibility = "members"
    db.session.commit()
    assert titles(client.get("/search?q=batching")) == []
    assert titles(client.get("/search?q=kits&type=post")) == []


def test_searching_runs_few_queries_whatever_the_data(client, shelf, db, count_queries):
    counts = []
    for _round in range(2):
        for number in range(30):
            add(
                title=f"Kits note {number}",
                body="kits offline",
                happened_at=utcnow() - timedelta(days=number),
            )
        db.session.commit()
        with count_queries() as narrowed:
            client.get("/search?q=kits+offline&type=thread&author=amina&tag=mosip")
        with count_queries() as wide:
            client.get("/search?q=kits")
        counts.append((narrowed.count, wide.count))
    assert counts[0] == counts[1], counts
    assert max(counts[0]) <= 6, counts
