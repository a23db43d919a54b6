"""Posting refused for want of a confirmed address says so, with the link sent again."""

from tests.factories import make_community, make_membership, make_thread, make_user

ASK = b"Confirm your e-mail address to post."


def unconfirmed_member(community):
    person = make_user(username="newcomer", email="new@example.org")
    person.email_confirmed_at = None
    make_membership(person, community)
    return person


def test_the_thread_page_offers_the_link_instead_of_join(client, db, login):
    community = make_community(name="GovStack")
    thread = make_thread(community, make_user(username="host", email="h@example.org"))
    db.session.commit()
    login(unconfirmed_member(community))
    db.session.commit()
    page = client.get(f"/t/{thread.id}").data
    assert ASK in page and b"Resend the link" in page
    assert b"Join GovStack to reply" not in page
    assert b'action="/auth/confirm/resend"' in page


def test_the_community_page_says_why_there_is_no_start_button(client, db, login):
    community = make_community(name="GovStack")
    login(unconfirmed_member(community))
    db.session.commit()
    page = client.get(f"/c/{community.slug}").data
    assert ASK in page and b"Resend the link" in page


def test_the_direct_address_explains_and_offers_the_link(client, db, login):
    community = make_community(name="GovStack")
    login(unconfirmed_member(community))
    db.session.commit()
    response = client.get(f"/c/{community.slug}/new")
    assert response.status_code == 403
    assert b"Confirm your e-mail address to post" in response.data
    assert b"Resend the link" in response.data


def test_resending_returns_to_the_page_and_mails_the_link(client, db, login, mailbox):
    community = make_community(name="GovStack")
    login(unconfirmed_member(community))
    db.session.commit()
    page = client.get(f"/c/{community.slug}")
    assert page.status_code == 200
    with client.session_transaction() as session:
        token = session.get("csrf_token")
    response = client.post(
        "/auth/confirm/resend",
        data={"csrf_token": token, "next": f"/c/{community.slug}"}
        if token
        else {"next": f"/c/{community.slug}"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/c/{community.slug}"
    mailbox.wait_for(1)
    assert mailbox.bodies_to("new@example.org")


def test_resending_never_goes_off_the_site(client, db, login):
    community = make_community()
    login(unconfirmed_member(community))
    db.session.commit()
    response = client.post("/auth/confirm/resend", data={"next": "//evil.example"})
    assert response.headers["Location"] == "/auth/settings"


def test_a_confirmed_member_and_a_banned_one_see_no_such_offer(client, db, login):
    community = make_community(name="GovStack")
    member = make_user(username="ok", email="ok@example.org")
    make_membership(member, community)
    banned = make_user(username="gone", email="gone@example.org")
    banned.email_confirmed_at = None
    make_membership(banned, community, status="banned")
    db.session.commit()
    login(member)
    assert ASK not in client.get(f"/c/{community.slug}").data
    login(banned)
    assert ASK not in client.get(f"/c/{community.slug}").data
