"""Who may open which discussion page: role x URL -> status."""

import pytest

from tests.factories import make_reply, make_user

ROLES = ["visitor", "outsider", "member", "author", "moderator", "site_moderator"]

# url template -> expected status per role (302 = sent to log in)
MATRIX = {
    "/t/{thread}": [200, 200, 200, 200, 200, 200],
    "/c/govstack/new": [302, 403, 200, 200, 200, 403],
    "/p/{post}/edit": [302, 403, 403, 200, 200, 200],
    "/t/{thread}/edit": [302, 403, 403, 200, 200, 200],
    "/p/{post}/hide": [302, 403, 403, 403, 200, 200],
    "/p/{post}/flag": [302, 200, 200, 403, 200, 200],
    "/c/govstack/flags": [302, 403, 403, 403, 200, 200],
    "/c/govstack/held": [302, 403, 403, 403, 200, 200],
    "/p/{post}/revisions": [200, 200, 200, 200, 200, 200],
    "/p/{post}/delete": [302, 403, 403, 200, 200, 200],
    "/t/{thread}/move": [302, 403, 403, 403, 200, 200],
    "/t/{thread}/merge": [302, 403, 403, 403, 200, 200],
    "/t/{thread}/split": [302, 403, 403, 403, 200, 200],
    "/c/govstack/tags/crvs": [200, 200, 200, 200, 200, 200],
    "/c/govstack/tags/crvs/synonyms": [302, 403, 403, 403, 200, 200],
}


@pytest.mark.parametrize("role_index", range(len(ROLES)))
def test_access_matrix(client, db, forum, login, role_index):
    role = ROLES[role_index]
    post = make_reply(forum.thread, forum.asker, "The author's reply")
    people = {
        "outsider": forum.outsider,
        "member": forum.member,
        "author": forum.asker,
        "moderator": forum.moderator,
        "site_moderator": make_user(username="sitemod", site_role="moderator"),
    }
    if role != "visitor":
        login(people[role])
    for template, statuses in MATRIX.items():
        url = template.format(thread=forum.thread.id, post=post.id)
        assert client.get(url).status_code == statuses[role_index], (role, url)


# The same people through the API (401 = no token). Field values are valid, so
# each status is the permission rule's answer, not a form's.
API_MATRIX = {
    ("post", "/api/v1/communities/govstack/threads"): [401, 403, 201, 201, 201, 403],
    ("post", "/api/v1/threads/{thread}/posts"): [401, 403, 201, 201, 201, 403],
    ("patch", "/api/v1/posts/{post}"): [401, 403, 403, 200, 200, 200],
    ("patch", "/api/v1/threads/{thread}"): [401, 403, 403, 200, 200, 200],
    ("post", "/api/v1/posts/{post}/vote"): [401, 200, 200, 403, 200, 200],
    ("post", "/api/v1/posts/{post}/accept"): [401, 403, 403, 200, 200, 200],
}
API_BODIES = {
    "/api/v1/communities/govstack/threads": {
        "title": "A new question",
        "kind": "question",
        "body": "Text",
    },
    "/api/v1/threads/{thread}/posts": {"body": "A reply"},
    "/api/v1/posts/{post}": {"body": "Edited text"},
    "/api/v1/threads/{thread}": {"title": "A better title", "tags": []},
}


@pytest.mark.parametrize("role_index", range(len(ROLES)))
def test_api_access_matrix(client, db, forum, role_index):
    from community.timezones import utcnow
    from tests.api.conftest import bearer, make_token

    role = ROLES[role_index]
    post = make_reply(forum.thread, forum.asker, "The author's reply")
    people = {
        "outsider": forum.outsider,
        "member": forum.member,
        "author": forum.asker,
        "moderator": forum.moderator,
        "site_moderator": make_user(
            username="sitemod", site_role="moderator", two_factor_enabled_at=utcnow()
        ),
    }
    headers = {} if role == "visitor" else bearer(make_token(people[role]))
    for (method, template), statuses in API_MATRIX.items():
        url = template.format(thread=forum.thread.id, post=post.id)
        sent = dict(headers)
        if method == "patch":
            sent["If-Match"] = client.get(url, headers=headers).headers["ETag"]
        body = API_BODIES.get(template)
        response = getattr(client, method)(url, json=body, headers=sent)
        assert response.status_code == statuses[role_index], (role, method, url)
