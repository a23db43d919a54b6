"""Issue 23: a long thread's even pages, its jumps and the answer sort; issue
20: a wide code block scrolls by keyboard (axe on the thread page)."""

from playwright.sync_api import Page, expect
from sqlalchemy import select

from community.communities.models import Community
from community.discussions import voting
from community.extensions import db
from tests.e2e.browser import assert_accessible
from tests.e2e.journeys import unique_name
from tests.factories import make_membership, make_reply, make_thread, make_user

WIDE_CODE = "```\n" + "registry.lookup(" + "x" * 240 + ")\n```"


def long_question(slug: str, suffix: str) -> dict:
    """A question with 60 replies: a branch crossing into page 2, a wide code
    block, a popular answer and an accepted one (runs in the live app)."""
    community = db.session.scalar(select(Community).where(Community.slug == slug))
    people = [make_user(username=f"{suffix}_{n}") for n in range(4)]
    for person in people:
        make_membership(person, community)
    thread = make_thread(community, people[0], title=f"Long question {suffix}")
    make_reply(thread, people[1], f"Code first\n\n{WIDE_CODE}")
    accepted = make_reply(thread, people[2], "The accepted way")
    for number in range(45):
        make_reply(thread, people[1], f"Plain answer {number}")
    parent = make_reply(thread, people[3], "Start of a long branch")
    for number in range(12):
        parent = make_reply(thread, people[1], f"Branch step {number}", parent)
    popular = make_reply(thread, people[3], "The popular answer")
    for voter in people[:3]:
        voting.vote(voter, popular)
    voting.accept_answer(thread, accepted)
    db.session.commit()
    return {"url": f"/t/{thread.id}", "title": thread.title}


def test_a_long_question_pages_evenly_jumps_and_sorts_by_votes(
    journey_page: Page, variant, site, in_live_app
):
    page = journey_page
    thread = in_live_app(long_question, site.community, unique_name(variant, "lq"))
    page.goto(thread["url"])
    main = page.get_by_role("main")
    expect(main.get_by_role("navigation", name="Reply pages").first).to_contain_text(
        "Page 1 of 2"
    )
    expect(main.get_by_role("heading", name="60 answers")).to_have_count(0)
    expect(main.get_by_role("heading", name="49 answers")).to_be_visible()
    code = main.locator("pre").first
    expect(code).to_have_attribute("tabindex", "0")
    if variant.js:
        assert_accessible(page)  # scrollable-region-focusable included

    # Page 2 carries on the branch, and says where it came from.
    main.get_by_role("link", name="Next →").first.click()
    expect(main).to_contain_text("Page 2 of 2")
    expect(main).to_contain_text("Continued from a reply by")
    assert page.locator("article.post:not(.depth-0)").count() <= 50

    # The jump goes to the newest reply, wherever it is.
    main.get_by_role("link", name="Jump to the latest reply").click()
    expect(page.locator("article.post").last).to_contain_text("The popular answer")

    # By votes: the accepted answer first, then the most voted.
    main.get_by_label("Sort replies").select_option("votes")
    main.get_by_role("button", name="Sort", exact=True).click()
    assert "sort=votes" in page.url
    replies = page.locator("article.post:not(.depth-0)")
    expect(replies.nth(0)).to_contain_text("The accepted way")
    expect(replies.nth(1)).to_contain_text("The popular answer")
    expect(main.get_by_role("link", name="Read the accepted answer")).to_be_visible()
    if variant.js:
        assert_accessible(page)
