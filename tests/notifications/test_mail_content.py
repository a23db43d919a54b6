"""Reply mails carry the post, list headers, threading and one-click unsubscribe."""

import re

import pytest
from sqlalchemy import select

from community.notifications.models import Subscription


def reply_over_http(client, login, talk, body, parent_id=None):
    login(talk.replier)
    data = {"body": body} | ({"parent_id": parent_id} if parent_id else {})
    response = client.post(f"/t/{talk.thread.id}/reply", data=data)
    assert response.status_code == 302
    return response


def test_reply_mail_carries_the_post_and_its_headers(client, db, login, talk, mailbox):
    reply_over_http(client, login, talk, "Use **a queue**.\n\n> quoted\n\n[docs](/c/)")
    [mail] = mailbox.wait_for(1)
    assert mail["To"] == talk.asker.email
    assert mail.get_content_type() == "multipart/alternative"
    assert mail["Subject"] == "Re: [GovStack] Offline birth registration"
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert "Ravi Kumar" in text and "Use a queue." in text
    assert "<strong" in html and "Ravi Kumar" in html and "GovStack" in html
    # Inline styles only: no <style>, no scripts, no images, absolute links.
    assert "<style" not in html and "<script" not in html and "<img" not in html
    assert 'href="http://127.0.0.1:5000/c/"' in html
    assert 'style="margin:0 0 12px;padding:0 0 0 12px;border-left' in html
    assert mail["List-Id"] == "GovStack <govstack.127.0.0.1>"
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail["Auto-Submitted"] == "auto-generated"
    assert re.fullmatch(r"<post-\d+@127\.0\.0\.1>", mail["Message-ID"])
    opening = talk.thread.last_post_id  # the opening post, before the reply
    assert mail["In-Reply-To"] == f"<post-{opening}@127.0.0.1>"
    assert mail["References"] == f"<post-{opening}@127.0.0.1>"
    assert mail["Reply-To"].startswith("reply+")


def test_nested_reply_references_the_thread_and_the_parent(
    client, db, login, talk, mailbox
):
    from tests.factories import make_reply

    parent = make_reply(talk.thread, talk.asker, "First answer")
    reply_over_http(client, login, talk, "Second", parent_id=parent.id)
    [mail] = mailbox.wait_for(1)
    opening = parent.parent_id  # the thread's opening post
    assert mail["In-Reply-To"] == f"<post-{parent.id}@127.0.0.1>"
    assert mail["References"] == (
        f"<post-{opening}@127.0.0.1> <post-{parent.id}@127.0.0.1>"
    )


def unsubscribe_link(mail) -> str:
    return mail["List-Unsubscribe"].strip("<>").removeprefix("http://127.0.0.1:5000")


def test_one_click_unsubscribe_works_without_a_session(
    app, client, db, login, logout, talk, mailbox
):
    reply_over_http(client, login, talk, "Use a queue.")
    [mail] = mailbox.wait_for(1)
    logout()
    link = unsubscribe_link(mail)
    page = client.get(link)
    assert page.status_code == 200 and b"Yes, stop it" in page.data
    app.config["WTF_CSRF_ENABLED"] = True  # the one endpoint that needs no token
    try:
        response = client.post(link, data={"List-Unsubscribe": "One-Click"})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 200 and b"no longer get" in response.data
    watch = db.session.scalar(
        select(Subscription).where(Subscription.user_id == talk.asker.id)
    )
    assert watch.muted
    mailbox.messages.clear()
    reply_over_http(client, login, talk, "Another one.")
    assert mailbox.wait_for(1, timeout=0.5) == []


def test_forged_unsubscribe_link_is_refused(client, db):
    assert (
        client.post("/notifications/unsubscribe/WzEsInRocmVhZCIsMV0.x").status_code
        == 400
    )
    assert client.get("/notifications/unsubscribe/" + "x" * 5000).status_code == 400


@pytest.mark.parametrize("role", ["visitor", "someone else", "owner"])
def test_unsubscribe_matrix_the_token_decides_not_the_session(
    role, client, db, login, logout, talk, mailbox
):
    """Whoever holds the link may use it (mail clients have no session); it only
    ever changes its owner's mail, and names only what the owner may see."""
    from community.notifications.tokens import unsubscribe_token

    token = unsubscribe_token(talk.asker.id, "thread", talk.thread.id)
    link = f"/notifications/unsubscribe/{token}"
    logout()
    if role == "someone else":
        login(talk.replier)
    elif role == "owner":
        login(talk.asker)
    page = client.get(link)
    assert (
        page.status_code == 200 and "Offline birth registration" in page.data.decode()
    )
    assert client.post(link).status_code == 200
    rows = db.session.scalars(select(Subscription)).all()
    assert [(row.user_id, row.muted) for row in rows] == [(talk.asker.id, True)]


def test_unsubscribe_page_does_not_name_a_thread_its_owner_can_no_longer_see(
    client, db, talk
):
    from community.communities.models import Membership
    from community.notifications.tokens import unsubscribe_token

    talk.community.visibility = "members"
    db.session.delete(
        db.session.scalar(select(Membership).where(Membership.user_id == talk.asker.id))
    )
    db.session.commit()
    token = unsubscribe_token(talk.asker.id, "thread", talk.thread.id)
    page = client.get(f"/notifications/unsubscribe/{token}").data.decode()
    assert "mail about this thread" in page
    assert "Offline birth registration" not in page


def test_new_thread_mail_unsubscribes_from_the_community(
    client, db, login, logout, talk, mailbox
):
    from community.notifications import subscriptions

    watcher = talk.replier
    watcher.email_frequency = "immediately"
    subscriptions.set_watch(watcher, "community", talk.community.id, muted=False)
    db.session.commit()
    login(talk.asker)
    data = {"title": "Consent receipts", "kind": "discussion", "body": "Who uses them?"}
    assert client.post("/c/govstack/new", data=data).status_code == 302
    [mail] = mailbox.wait_for(1)
    assert mail["Subject"] == "[GovStack] Consent receipts"
    assert "Stop news of GovStack" in mail.get_body(("html",)).get_content()
    assert "In-Reply-To" not in mail  # the thread's first message
    logout()
    assert client.post(unsubscribe_link(mail)).status_code == 200
    assert not subscriptions.is_watching(watcher, talk.community)


def test_each_mail_is_rendered_in_its_recipients_language(
    client, db, login, talk, mailbox
):
    talk.asker.language = "fr"
    db.session.commit()
    reply_over_http(client, login, talk, "Bonjour")
    [mail] = mailbox.wait_for(1)
    assert '<html lang="fr">' in mail.get_body(("html",)).get_content()
    talk.asker.language = ""  # no choice yet: the site's default
    db.session.commit()
    mailbox.messages.clear()
    from community.notifications.sending import notify

    notify(talk.asker, "mention", "Hello", "/")
    db.session.commit()
    [mail] = mailbox.wait_for(1)
    assert '<html lang="en">' in mail.get_body(("html",)).get_content()


def test_without_inbound_addresses_there_is_no_reply_token(
    app, client, db, login, talk, mailbox
):
    saved = app.config["MAIL_REPLY_ADDRESS"], app.config["MAIL_BOUNCE_ADDRESS"]
    app.config["MAIL_REPLY_ADDRESS"] = app.config["MAIL_BOUNCE_ADDRESS"] = ""
    try:
        reply_over_http(client, login, talk, "No reply address yet")
        [mail] = mailbox.wait_for(1)
    finally:
        app.config["MAIL_REPLY_ADDRESS"], app.config["MAIL_BOUNCE_ADDRESS"] = saved
    assert "Reply-To" not in mail
    assert "no-reply@" in mail.envelope_from  # the default sender
