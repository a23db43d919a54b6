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
