"""Issue 18's journey: a member makes an API token in settings, uses it, sees
it only once, and revokes it; the browser's own session never reaches the API."""

from playwright.sync_api import expect

from tests.e2e.journeys import expect_flash, fill_form, log_in, unique_name
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import make_user


def test_create_use_and_revoke_a_token(journey_page, variant, in_live_app):
    suffix = unique_name(variant, "t")
    person = in_live_app(make_user, username=f"tok_{suffix}")
    page = journey_page
    page.goto("/auth/settings")
    log_in(page, person.username, password=FACTORY_PASSWORD)
    page.get_by_role("link", name="Manage your API tokens").click()
    fill_form(
        page,
        {
            "Name": "Ministry intranet",
            "Write: post, reply, edit, vote, RSVP and write lessons as you": True,
        },
        submit="Create token",
    )
    token = page.get_by_label("Token", exact=True).input_value()
    assert token.startswith("chub_")
    bearer = {"Authorization": f"Bearer {token}"}
    me = page.request.get("/api/v1/me", headers=bearer)
    assert me.status == 200 and me.json()["username"] == person.username
    # Logged in here, yet the API does not take the browser's cookie.
    assert page.request.get("/api/v1/me").status == 401

    page.goto("/auth/settings/tokens")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Ministry intranet")
    expect(main).not_to_contain_text(token)
    main.get_by_role("button", name="Revoke Ministry intranet").click()
    expect_flash(page, "The token is revoked")
    assert page.request.get("/api/v1/me", headers=bearer).status == 401
