"""Who may open the held-post queue and decide on held posts: role x URL -> status."""

import pytest
from sqlalchemy import select

from community.trust.holding import hold
from community.trust.models import PostHold
from tests.factories import (
    make_community,
    make_membership,
    make_reply,
    make_thread,
    make_user,
)

ROLES = [
    "visitor",
    "outsider",
    "member",
    "author",
    "moderator",
    "site_moderator",
    "admin",
]
# 302 = sent to log in (visitor) or back to the queue after a decision
PUBLIC = {
    "GET /c/{slug}/held": [302, 403, 403, 403, 200, 200, 200],
    "POST /held/{hold}/approve": [302, 403, 403, 403, 302, 302, 302],
    "POST /held/{hold}/reject": [302, 403, 403, 403, 302, 302, 302],
}
# Members-only: site moderators who are not members moderate but do not read it.
MEMBERS_ONLY = {
    "GET /c/{slug}/held": [302, 404, 403, 403, 200, 404, 200],
    "POST /held/{hold}/approve": [302, 404, 403, 403, 302, 404, 302],
    "POST /held/{hold}/reject": [302, 404, 403, 403, 302, 404, 302],
}


def setting(app, visibility: str):
    community = make_community(visibility=visibility)
    people = {
        "outsider": make_user(),
        "member": make_user(),
        "author": make_user(),
        "moderator": make_user(),
        "site_moderator": make_user(site_role="moderator"),
        "admin": make_user(site_role="admin"),
    }
    for role in ("member", "author"):
        make_membership(people[role], community)
    make_membership(people["moderator"], community, role="moderator")
    thread = make_thread(community, people["member"])
    post = make_reply(thread, people["author"], "Waiting text")
    return community, people, post


@pytest.mark.parametrize(
    "visibility, matrix", [("public", PUBLIC), ("members", MEMBERS_ONLY)]
)
@pytest.mark.parametrize("role_index", range(len(ROLES)))
def test_held_queue_matrix(app, client, db, login, visibility, matrix, role_index):
    role = ROLES[role_index]
    community, people, post = setting(app, visibility)
    if role != "visitor":
        login(people[role])
    for line, statuses in matrix.items():
        with app.test_request_context():
            entry = db.session.scalar(
                select(PostHold).where(PostHold.decided_at.is_(None))
            ) or hold(post, "new_account", "Waiting")
        db.session.commit()
        method, template = line.split()
        url = template.format(slug=community.slug, hold=entry.id)
        data = {"reason": "Not for here"}
        response = client.get(url) if method == "GET" else client.post(url, data=data)
        assert response.status_code == statuses[role_index], (role, line)
        if method == "POST" and response.status_code == 302 and role != "visitor":
            db.session.expire_all()
            entry = db.session.get(PostHold, entry.id)
            assert entry.decided_at is not None
            db.session.delete(entry)
            db.session.commit()


def test_unknown_hold_is_404(client, db, login):
    login(make_user(site_role="admin"))
    assert client.post("/held/999999/approve").status_code == 404
    assert client.get("/c/no-such-community/held").status_code == 404


def test_the_queue_runs_a_constant_number_of_queries(
    app, client, db, login, count_queries
):
    community = make_community()
    moderator = make_user()
    make_membership(moderator, community, role="moderator")
    thread = make_thread(community, moderator)

    def add_held(count: int) -> None:
        for number in range(count):
            author = make_user()
            post = make_reply(thread, author, f"Held {number}")
            with app.test_request_context():
                hold(post, "new_account", "Waiting")
        db.session.commit()

    login(moderator)
    add_held(2)
    with count_queries() as few:
        assert client.get(f"/c/{community.slug}/held").status_code == 200
    add_held(8)
    with count_queries() as many:
        page = client.get(f"/c/{community.slug}/held")
    assert page.data.count(b"Held ") >= 10
    assert many.count == few.count <= 10
