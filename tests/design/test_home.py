"""Issue 20 item 10: the home page says whom the hub is for and what to do
first, lists the communities with their purpose, and, signed in, shows the
person's own communities, the events they go to, their drafts and unread
replies. Members-only communities stay unknown to outsiders."""

import html

from tests.factories import (
    make_community,
    make_event,
    make_lesson,
    make_membership,
    make_thread,
    make_user,
)


def home(client) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def test_a_visitor_learns_whom_it_is_for_and_where_to_start(client, db):
    make_community(slug="govstack", name="GovStack", purpose="Build with GovStack")
    make_community(slug="closed", name="Closed Room", visibility="members",
                   purpose="Secret plans")  # fmt: skip
    page = home(client)
    assert "For people in government, vendors and system integrators" in page
    start = page[page.index('id="start-heading"') :]
    for step, link in [
        ("Ask a question", "/c/"),
        ("Join a community", "/c/"),
        ("Find a lesson", "/learnings/"),
        ("See upcoming events", "/events/"),
    ]:
        assert f'<a href="{link}">{step}</a>' in start
    assert "GovStack" in page and "Build with GovStack" in page
    assert "Closed Room" not in page and "Secret plans" not in page
    assert "Your communities" not in page and "Your drafts" not in page


def test_signed_in_the_home_page_is_about_you(client, db, login):
    person = make_user()
    mine = make_community(slug="mine", name="Mine", purpose="Where I am")
    closed = make_community(slug="closed", name="Closed Room", visibility="members")
    make_membership(person, mine)
    make_membership(person, closed)
    make_community(slug="other", name="Other Place", purpose="Not yet mine")
    event = make_event(mine, title="Forum I go to", frequency="weekly", count=4)
    make_event(mine, title="Forum I skip")
    make_lesson(person, status="draft", title="My half-written lesson")
    make_lesson(person, status="published", title="My published lesson")
    thread = make_thread(mine, person, title="Offline registration")
    replier = make_user(display_name="Bola")
    make_membership(replier, mine)
    login(replier)
    client.post(f"/t/{thread.id}/reply", data={"body": "Here is how we did it."})
    login(person)
    client.post(f"/events/{event.id}/rsvp", data={"answer": "going", "date": "all"})
    page = home(client)
    own = page[page.index('id="own-communities-heading"') :]
    own = own[: own.index("</section>")]
    assert "Mine" in own and "Closed Room" in own
    assert own.index("Closed Room") < own.index("More to join") < own.index("Other")
    going = page[page.index('id="going-heading"') :]
    going = going[: going.index("</section>")]
    assert going.count("Forum I go to</a>") == 1  # a series once, at its next date
    assert "Forum I skip" not in going
    drafts = page[page.index('id="drafts-heading"') :]
    drafts = drafts[: drafts.index("</section>")]
    assert "My half-written lesson" in drafts and "My published lesson" not in drafts
    replies = page[page.index('id="unread-replies-heading"') :]
    replies = replies[: replies.index("</section>")]
    assert "Offline registration" in replies and "/notifications/" in replies


def test_empty_personal_blocks_say_what_to_do(client, db, login):
    login(make_user())
    page = home(client)
    assert "You have not said you are going to any event yet." in page
    assert 'href="/learnings/new"' in page  # write a lesson
    assert "No unread replies." in page


def test_leaving_a_members_only_community_takes_it_off_the_home_page(client, db, login):
    person = make_user()
    closed = make_community(slug="closed", name="Closed Room", visibility="members")
    make_membership(make_user(), closed, role="moderator")
    make_membership(person, closed)
    login(person)
    assert "Closed Room" in home(client)
    client.post("/c/closed/leave")
    home(client)  # shows the "You left" flash once
    assert "Closed Room" not in home(client)
