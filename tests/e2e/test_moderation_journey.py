"""Deleting a reply asks first and can be undone; a moderator moves and splits a
thread through pages that work without JavaScript and pass axe."""

from playwright.sync_api import expect

from tests.e2e.browser import assert_accessible
from tests.e2e.journeys import expect_flash, fill_form, log_in, unique_name
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import (
    make_community,
    make_membership,
    make_reply,
    make_thread,
    make_user,
)


def two_communities_and_a_thread(suffix: str) -> dict:
    """In the live app: a moderator of both communities, a member, a thread."""
    here = make_community(slug=f"here-{suffix}", name=f"Here {suffix}")
    there = make_community(slug=f"there-{suffix}", name=f"There {suffix}")
    member = make_user(username=f"me_{suffix}")
    moderator = make_user(username=f"mo_{suffix}")
    for community in (here, there):
        make_membership(moderator, community, role="moderator")
    make_membership(member, here)
    thread = make_thread(here, member, title=f"Offline sync {suffix}")
    make_reply(thread, member, "A reply to delete")
    make_reply(thread, member, "A reply to split off")
    return {
        "thread": thread.id,
        "member": member.username,
        "moderator": moderator.username,
    }


def test_delete_undo_then_move_and_split(new_page, pairwise_variant, in_live_app):
    variant = pairwise_variant
    suffix = unique_name(variant, "m")
    names = in_live_app(two_communities_and_a_thread, suffix)
    thread_id = names["thread"]

    page = new_page(js=variant.js, viewport=variant.viewport)
    page.goto(f"/t/{thread_id}")
    log_in(page, names["member"], password=FACTORY_PASSWORD)
    page.goto(f"/t/{thread_id}")
    # Delete sits in the post's "More" disclosure (<details>, no script needed).
    more = page.locator("details.post-more").filter(
        has=page.locator("a", has_text="Delete")
    )
    more.first.locator("summary").click()
    page.get_by_role("link", name="Delete").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete this post?")
    if variant.js:  # axe runs as a script
        assert_accessible(page)
    page.get_by_role("button", name="Delete post").click()
    expect(page.get_by_role("status").filter(has_text="Post deleted.")).to_be_visible()
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_role("main")).to_contain_text("A reply to delete")

    mod = new_page(js=variant.js, viewport=variant.viewport)
    mod.goto(f"/t/{thread_id}")
    log_in(mod, names["moderator"], password=FACTORY_PASSWORD)
    mod.goto(f"/t/{thread_id}/split")
    if variant.js:
        assert_accessible(mod)
    fill_form(mod, {"Title": f"Split topic {suffix}"})
    mod.get_by_label("A reply to split off", exact=False).check()
    mod.get_by_role("button", name="Move to a new thread").click()
    expect_flash(mod, "Replies moved to a new thread.")
    expect(mod.get_by_role("heading", level=1)).to_have_text(f"Split topic {suffix}")

    mod.goto(f"/t/{thread_id}")
    mod.get_by_role("link", name="Move to another community").click()
    if variant.js:
        assert_accessible(mod)
    mod.get_by_label("Move to the community").select_option(label=f"There {suffix}")
    mod.get_by_role("button", name="Move thread").click()
    expect_flash(mod, f"Thread moved to There {suffix}.")
    expect(mod.locator(".breadcrumbs")).to_contain_text(f"There {suffix}")
