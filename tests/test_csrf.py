"""With CSRF on, every form refuses a missing or stale token, and keeps the text."""

import pytest

from tests.factories import make_user


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


# Routes that answer before any form: the second log-in step redirects to the
# log-in page when no half-finished log-in is waiting (tested in production/).
# An admin (this test's user) may not delete their account: 403 before the form
# (its token is tested for members in admin/test_csrf.py).
ANSWERS_BEFORE_THE_FORM = {"/auth/two-factor", "/auth/settings/delete"}


def post_rules(app):
    """Every POST route that needs no URL arguments. The JSON API takes no
    cookies, so it needs no CSRF token: a browser's session there is anonymous
    (tests/api/test_tokens.py: cookie sessions get 401)."""
    for rule in app.url_map.iter_rules():
        wanted = "POST" in rule.methods and not rule.arguments
        wanted = wanted and not rule.rule.startswith("/api/")
        if wanted and rule.rule not in ANSWERS_BEFORE_THE_FORM:
            yield rule.rule


def test_every_argument_free_post_route_refuses_a_missing_token(
    app, client, db, login, csrf_on
):
    login(make_user(site_role="admin"))
    routes = list(post_rules(app))
    assert "/auth/register" in routes and "/auth/logout" in routes
    assert "/auth/settings/tokens" in routes
    for route in routes:
        response = client.post(route, data={"title": "kept text", "body": "kept body"})
        assert response.status_code == 400, route


def test_stale_token_re_renders_the_form_with_the_text_kept(client, db, csrf_on):
    data = {
        "email": "amina@example.org",
        "username": "amina",
        "display_name": "Amina",
        "organisation": "Ministry of ICT",
        "password": "a long enough passphrase",
        "csrf_token": "stale-token-from-yesterday",
    }
    response = client.post("/auth/register", data=data)
    assert response.status_code == 400
    assert b"form had expired" in response.data
    assert b"Ministry of ICT" in response.data


def test_a_valid_token_is_accepted(client, db, csrf_on):
    page = client.get("/auth/login").data.decode()
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    make_user(username="ravi")
    from tests.factories import PASSWORD

    response = client.post(
        "/auth/login", data={"login": "ravi", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


def test_held_post_decisions_refuse_a_missing_token(app, client, db, login, csrf_on):
    from sqlalchemy import select

    from community.trust.holding import hold
    from community.trust.models import PostHold
    from tests.factories import make_community, make_membership, make_reply, make_thread

    community = make_community()
    moderator = make_user()
    make_membership(moderator, community, role="moderator")
    post = make_reply(make_thread(community, moderator), make_user(), "Held text")
    with app.test_request_context():
        entry = hold(post, "new_account", "Waiting")
    db.session.commit()
    login(moderator)
    for decision in ("approve", "reject"):
        response = client.post(f"/held/{entry.id}/{decision}", data={"reason": "x"})
        assert response.status_code == 400, decision
    db.session.expire_all()
    assert db.session.scalar(select(PostHold)).decided_at is None


def test_only_one_click_unsubscribe_is_exempt_from_csrf(app):
    """RFC 8058: mail clients POST the unsubscribe link with no session or token;
    the signed token in the URL is the proof. Nothing else may skip CSRF."""
    from community.extensions import csrf

    exempt = {name for name in csrf._exempt_views if "." in name}
    assert exempt == {"community.notifications.views.unsubscribe"}
