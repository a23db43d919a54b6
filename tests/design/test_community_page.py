"""Issue 20 item 3: on a community page the primary actions come first and
leaving is a small control in the Membership disclosure, confirmed on a page of
its own (no script needed)."""

from sqlalchemy import select

from community.communities.models import Membership
from tests.factories import make_community, make_membership, make_user


def page_of(client, slug: str) -> str:
    response = client.get(f"/c/{slug}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_member_sees_start_a_thread_first_and_leave_tucked_away(client, db, login):
    community = make_community(slug="govstack", name="GovStack")
    member = make_user()
    make_membership(member, community)
    make_membership(make_user(), community, role="moderator")
    login(member)
    page = page_of(client, "govstack")
    start = page.index("Start a thread")
    assert start < page.index('id="discussions-heading"')
    assert start < page.index('href="#community-events-heading"')
    details = page[page.index('<details class="membership-details">') :]
    details = details[: details.index("</details>")]
    assert "You are a member of GovStack." in details
    assert 'href="/c/govstack/leave"' in details
    assert "Watch this community" in details  # notifications sit with membership
    # No big "Leave" button anywhere: only the link to the confirmation page.
    assert 'action="/c/govstack/leave"' not in page


def test_a_visitor_sees_how_to_join_before_anything_else(client, db):
    make_community(slug="open-room", name="Open Room")
    page = page_of(client, "open-room")
    assert page.index("to join Open Room") < page.index('id="discussions-heading"')
    assert "membership-details" not in page


def test_leaving_asks_first_then_leaves(client, db, login):
    community = make_community(slug="room", name="Room", visibility="members")
    member = make_user()
    make_membership(member, community)
    login(member)
    confirm = client.get("/c/room/leave")
    assert confirm.status_code == 200
    text = confirm.get_data(as_text=True)
    assert "Leave Room?" in text and 'action="/c/room/leave"' in text
    assert "members only" in text and 'href="/c/room"' in text
    assert client.post("/c/room/leave").status_code == 302
    assert db.session.scalar(select(Membership).filter_by(user_id=member.id)) is None


def test_the_confirmation_page_sends_others_back(client, db, login):
    make_community(slug="room")
    assert "/auth/login" in client.get("/c/room/leave").headers["Location"]
    login(make_user())
    response = client.get("/c/room/leave")
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/c/room"
    )
    assert client.get("/c/no-such-room/leave").status_code == 404


def test_a_refused_leave_keeps_its_reason_on_the_page(client, db, login):
    community = make_community(slug="room", name="Room")
    moderator = make_user()
    make_membership(moderator, community, role="moderator")
    login(moderator)
    response = client.post("/c/room/leave")
    assert response.status_code == 400
    assert 'role="alert"' in response.get_data(as_text=True)
