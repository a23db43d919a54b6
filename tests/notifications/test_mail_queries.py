"""Telling watchers of a reply costs the same SQL for 2 people as for 12: the
unread rows to join and the mail states are read once, written in one flush."""

from community.extensions import db
from community.notifications import subscriptions
from community.notifications.models import Notification, ThreadMailState
from tests.factories import make_membership, make_thread, make_user


def watched_thread(community, asker, watchers: int):
    thread = make_thread(community, asker)
    for _ in range(watchers):
        person = make_user(email_frequency="immediately")
        make_membership(person, community)
        subscriptions.set_watch(person, "thread", thread.id, muted=False)
    db.session.commit()
    return thread


def reply_statements(client, count_queries, thread, body: str) -> int:
    with count_queries() as counter:
        response = client.post(f"/t/{thread.id}/reply", data={"body": body})
        assert response.status_code == 302
    return counter.count


def test_reply_mail_statements_do_not_grow_with_recipients(
    client, db, login, talk, count_queries, mailbox
):
    login(talk.replier)
    counts = {}
    for watchers in (2, 12):
        thread = watched_thread(talk.community, talk.asker, watchers)
        first = reply_statements(client, count_queries, thread, "A first answer")
        mailbox.wait_for(watchers + 1)  # the watchers and the asker
        mailbox.messages.clear()
        # A second reply joins each unread row and waits for the next batch.
        second = reply_statements(client, count_queries, thread, "A second answer")
        counts[watchers] = first, second
        rows = db.session.scalars(
            db.select(Notification).where(Notification.thread_id == thread.id)
        ).all()
        assert len(rows) == watchers + 1
        assert {row.item_count for row in rows} == {2}
        states = db.session.scalars(
            db.select(ThreadMailState).where(ThreadMailState.thread_id == thread.id)
        ).all()
        assert len(states) == watchers + 1
        assert all(state.pending_since is not None for state in states)
    assert counts[2] == counts[12], counts
    assert mailbox.messages == []  # the second reply waits for the batch
