"""Issue 14's journey: staff find a person, suspend them and lift the suspension;
the member then exports their data and deletes their account."""

import json

from playwright.sync_api import expect

from tests.e2e.journeys import (
    expect_flash,
    fill_form,
    log_in,
    open_account_link,
    unique_name,
)
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import make_user


def test_suspend_lift_then_export_and_delete(new_page, pairwise_variant, in_live_app):
    variant = pairwise_variant
    suffix = unique_name(variant, "a")
    staff = in_live_app(make_user, username=f"st_{suffix}", site_role="moderator")
    member = in_live_app(
        make_user, username=f"me_{suffix}", display_name=f"Member {suffix}"
    )
    page = new_page(js=variant.js, viewport=variant.viewport)
    page.goto("/admin/")
    log_in(page, staff.username, password=FACTORY_PASSWORD)
    fill_form(page, {"Name, username or e-mail": member.username}, submit="Find")
    page.get_by_role("link", name=f"Member {suffix}").click()
    fill_form(
        page,
        {"Reason (shown to the person when they try to log in)": "Adverts"},
        submit="Suspend the account",
    )
    expect_flash(page, "The account is suspended")

    person = new_page(js=variant.js, viewport=variant.viewport)
    person.goto("/auth/login")
    fill_form(
        person,
        {"E-mail or username": member.username, "Password": FACTORY_PASSWORD},
        submit="Log in",
    )
    expect(person.get_by_role("main")).to_contain_text("Adverts")

    page.get_by_role("button", name="End the suspension").click()
    expect_flash(page, "The suspension is over")
    expect(page.get_by_role("region", name="Audit trail")).to_contain_text(
        "account.unsuspend"
    )

    person.goto("/auth/login")
    log_in(person, member.username, password=FACTORY_PASSWORD)
    open_account_link(person, "Settings")
    person.get_by_role("link", name="Export my data").first.click()
    person.get_by_role("main").get_by_role("button", name="Export my data").click()
    expect_flash(person, "Your export is ready")
    href = person.get_by_role("link", name="Download (JSON)").get_attribute("href")
    exported = json.loads(person.context.request.get(href).body())
    assert exported["profile"]["username"] == member.username
    assert exported["audit_entries_about_you"][-1]["action"] == "account.unsuspend"

    open_account_link(person, "Settings")
    person.get_by_role("link", name="Delete my account").click()
    fill_form(person, {"Your password": FACTORY_PASSWORD})
    person.get_by_role("button", name="Delete my account for good").click()
    expect_flash(person, "Your account is deleted.")
    person.goto(f"/u/{member.username}")
    expect(person.get_by_role("heading", level=1)).not_to_contain_text(suffix)
