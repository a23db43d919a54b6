"""Issue 19's journey: replies in a busy thread group into one notification; the
reply mail carries the post; its one-click unsubscribe link works logged out."""

from playwright.sync_api import expect

from tests.e2e.browser import assert_accessible
from tests.e2e.journeys import fill_form, follow_mail_link, log_in, unique_name
from tests.factories import PASSWORD as FACTORY_PASSWORD
from tests.factories import make_community, make_membership, make_thread, make_user


def busy_thread(suffix: str) -> dict:
    """A thread whose asker wants mail at once, and three people to reply."""
    community = make_community(slug=f"mail-{suffix}", name=f"Mail {suffix}")
    asker = make_user(username=f"ask_{suffix}", email_frequency="immediately")
    people = [make_user(username=f"r{n}_{suffix}") for n in range(3)]
    for person in (asker, *people):
        make_membership(person, community)
    thread = make_thread(community, asker, title=f"Offline sync {suffix}")
    return {
        "thread": thread.id,
        "title": thread.title,
        "asker": asker.username,
        "email": asker.email,
        "people": [person.username for person in people],
    }


def test_grouped_notification_mail_content_and_one_click_unsubscribe(
    new_page, pairwise_variant, in_live_app, mailbox
):
    variant = pairwise_variant
    names = in_live_app(busy_thread, unique_name(variant, "m").replace("_", "-"))
    for number, person in enumerate(names["people"]):
        page = new_page(js=variant.js, viewport=variant.viewport)
        page.goto(f"/t/{names['thread']}")
        log_in(page, person, password=FACTORY_PASSWORD)
        fill_form(page, {"Your reply": f"Reply {number}: use a queue"}, "Send reply")
        expect(page.get_by_role("main")).to_contain_text(f"Reply {number}: use a queue")
        page.close()

    asker = new_page(js=variant.js, viewport=variant.viewport)
    asker.goto("/notifications/")
    log_in(asker, names["asker"], password=FACTORY_PASSWORD)
    main = asker.get_by_role("main")
    expect(main).to_contain_text(f"3 new replies in “{names['title']}”")
    expect(main).to_contain_text("and 1 other")

    visitor = new_page(js=variant.js, viewport=variant.viewport)
    follow_mail_link(visitor, mailbox, names["email"], "/notifications/unsubscribe/")
    expect(visitor.get_by_role("main")).to_contain_text(names["title"])
    if variant.js:
        assert_accessible(visitor)
    visitor.get_by_role("button", name="Yes, stop it").click()
    expect(visitor.get_by_role("status")).to_contain_text("no longer get")
