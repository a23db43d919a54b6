"""The API's conventions: problem details, rate limits, cursors, ETags."""

import pytest

from community.extensions import limiter
from tests.api.conftest import bearer, make_token
from tests.factories import make_community, make_reply


def is_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response.headers["Content-Type"] == "application/problem+json"
    body = response.json
    assert body["status"] == status and body["title"] and body["detail"]
    assert body["type"] == "about:blank" and body["instance"]
    return body


def test_404_405_and_422_are_problems_with_field_messages(client, db, forum):
    is_problem(client.get("/api/v1/threads/999999"), 404)
    is_problem(client.get("/api/v1/no-such-thing"), 404)
    body = is_problem(client.delete("/api/v1/communities"), 405)
    assert body["instance"] == "/api/v1/communities"
    assert "GET" in client.delete("/api/v1/communities").headers["Allow"]
    body = is_problem(client.get("/api/v1/communities?limit=0"), 422)
    assert body["errors"][0]["parameter"] == "limit"
    headers = bearer(make_token(forum.member))
    response = client.post(
        f"/api/v1/communities/{forum.community.slug}/threads",
        json={"title": "", "kind": "poll", "body": 5},
        headers=headers,
    )
    body = is_problem(response, 422)
    pointers = {error["pointer"] for error in body["errors"]}
    assert {"#/kind", "#/body"} <= pointers


def test_form_rules_come_back_as_field_problems(client, db, forum):
    headers = bearer(make_token(forum.member))
    response = client.post(
        f"/api/v1/communities/{forum.community.slug}/threads",
        json={"title": "x" * 500, "kind": "question", "body": "Fine"},
        headers=headers,
    )
    body = is_problem(response, 422)
    assert body["errors"][0]["pointer"] == "#/title"


def test_malformed_json_is_a_problem(client, db, forum):
    headers = bearer(make_token(forum.member))
    response = client.post(
        f"/api/v1/threads/{forum.thread.id}/posts",
        data="{not json",
        headers={**headers, "Content-Type": "application/json"},
    )
    assert response.status_code in (400, 422)
    assert response.headers["Content-Type"] == "application/problem+json"


@pytest.fixture
def low_api_limit(app):
    before = app.config["API_RATE_LIMIT"]
    app.config["API_RATE_LIMIT"] = "3 per minute"
    limiter.reset()
    yield
    app.config["API_RATE_LIMIT"] = before
    limiter.reset()


def test_rate_limit_is_per_token_with_ratelimit_headers(
    client, db, forum, low_api_limit
):
    first = bearer(make_token(forum.member))
    second = bearer(make_token(forum.asker))
    seen = [client.get("/api/v1/communities", headers=first) for _ in range(3)]
    assert [r.headers["RateLimit-Remaining"] for r in seen] == ["2", "1", "0"]
    assert seen[0].headers["RateLimit-Limit"] == "3"
    assert seen[0].headers["RateLimit-Policy"] == "3;w=60"
    body = is_problem(client.get("/api/v1/threads/1", headers=first), 429)
    assert body["status"] == 429
    # Another token has its own budget.
    assert client.get("/api/v1/communities", headers=second).status_code == 200


def test_cursor_pagination_follows_next_links(client, db, forum):
    for number in range(5):
        make_community(slug=f"extra-{number}")
    seen, url = [], "/api/v1/communities?limit=2"
    while url:
        page = client.get(url)
        assert page.status_code == 200
        seen += [community["slug"] for community in page.json["items"]]
        url = page.json["next"]
        assert url is None or "cursor=" in url
        assert page.headers.get("Link") == (f'<{url}>; rel="next"' if url else None)
    assert len(seen) == 6 and len(set(seen)) == 6
    is_problem(client.get("/api/v1/communities?cursor=%%%"), 400)
    is_problem(client.get("/api/v1/communities?cursor=InRleHQi"), 400)
    nul = "Ilx1MDAwMCI"  # the JSON string "\u0000"
    is_problem(client.get(f"/api/v1/threads/{forum.thread.id}/posts?cursor={nul}"), 400)


def test_post_tree_pages_in_reading_order(client, db, forum):
    first = make_reply(forum.thread, forum.member, "First")
    make_reply(forum.thread, forum.asker, "Second")
    make_reply(forum.thread, forum.asker, "Under the first", parent=first)
    url, bodies = f"/api/v1/threads/{forum.thread.id}/posts?limit=1", []
    while url:
        page = client.get(url).json
        bodies += [post["body_html"] for post in page["items"]]
        url = page["next"]
    assert bodies == [
        "<p>How do you do this?</p>",
        "<p>First</p>",
        "<p>Under the first</p>",
        "<p>Second</p>",
    ]


def test_etag_gives_304_and_stale_if_match_gives_412(client, db, forum):
    post = make_reply(forum.thread, forum.member, "Original text")
    headers = bearer(make_token(forum.member))
    url = f"/api/v1/posts/{post.id}"
    first = client.get(url, headers=headers)
    etag = first.headers["ETag"]
    again = client.get(url, headers={**headers, "If-None-Match": etag})
    assert again.status_code == 304
    # Someone edits meanwhile (here: the same author from another tool).
    changed = client.patch(
        url, json={"body": "Edited once"}, headers={**headers, "If-Match": etag}
    )
    assert changed.status_code == 200 and changed.json["version"] == 2
    stale = client.patch(
        url, json={"body": "Overwrite?"}, headers={**headers, "If-Match": etag}
    )
    is_problem(stale, 412)
    is_problem(client.patch(url, json={"body": "No tag"}, headers=headers), 428)
    db.session.expire_all()
    assert client.get(url).json["body_html"] == "<p>Edited once</p>"
