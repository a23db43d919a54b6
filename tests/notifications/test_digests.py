"""Digests: the right content in each person's zone, never twice, never empty."""

from datetime import UTC, datetime

from sqlalchemy import select

from community.notifications.digests import send_due_digests
from community.notifications.models import DigestRun
from tests.factories import (
    make_community,
    make_event,
    make_lesson,
    make_membership,
    make_reply,
    make_thread,
    make_user,
)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def run(db, now: str) -> int:
    sent = send_due_digests(at(now))
    db.session.commit()
    return sent


def test_digest_in_kolkata_and_sao_paulo(db, mailbox):
    community = make_community(name="GovStack")
    kolkata = make_user(timezone="Asia/Kolkata", email_frequency="daily")
    sao_paulo = make_user(timezone="America/Sao_Paulo", email_frequency="daily")
    author = make_user()
    for person in (kolkata, sao_paulo, author):
        make_membership(person, community)
    make_membership(make_user(), community, role="organiser")
    thread = make_thread(community, author, title="Who runs OpenCRVS offline?")
    thread.created_at = at("2026-12-01T10:00")  # 15:30 in Kolkata, 07:00 in São Paulo
    make_lesson(title="Pilot lesson on ID", published_at=at("2026-12-01T12:00"))
    event = make_event(
        community,
        author,
        title="Forum on registries",
        start_local=datetime(2026, 12, 2, 13, 30),
        end_local=datetime(2026, 12, 2, 14, 30),
    )
    db.session.commit()
    assert event.id

    # 02:00 UTC: 07:30 on 2 December in Kolkata (its 1 December digest is due),
    # 23:00 on 1 December in São Paulo (its 30 November digest is due).
    assert run(db, "2026-12-02T02:00") == 2
    mails = mailbox.wait_for(2)
    india = mailbox.bodies_to(kolkata.email)[0]
    assert "Who runs OpenCRVS offline?" in india  # a new thread, unanswered
    assert "Pilot lesson on ID" in india
    assert "2 Dec 2026, 19:00 IST: Forum on registries" in india
    brazil = mailbox.bodies_to(sao_paulo.email)[0]
    assert "Who runs OpenCRVS offline?" not in brazil  # not in its 30 November
    assert "2 Dec 2026, 10:30 -03: Forum on registries" in brazil
    html = next(m for m in mails if kolkata.email in m["To"]).get_body(("html",))
    assert "<img" not in html.get_content() and "<style" not in html.get_content()

    # 10:00 UTC is 07:00 on 2 December in São Paulo: its 1 December digest.
    mailbox.messages.clear()
    assert run(db, "2026-12-02T10:00") == 1
    [mail] = mailbox.wait_for(1)
    assert (
        sao_paulo.email in mail["To"]
        and "Who runs OpenCRVS" in mail.get_body(("plain",)).get_content()
    )
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert run(db, "2026-12-02T10:30") == 0  # each period once
    keys = db.session.scalars(
        select(DigestRun.period_key).where(DigestRun.user_id == sao_paulo.id)
    ).all()
    assert sorted(keys) == ["daily:2026-11-30", "daily:2026-12-01"]


def test_replies_in_watched_threads_and_weekly_period(db, mailbox):
    from community.notifications import subscriptions

    community = make_community()
    reader = make_user(timezone="Asia/Kolkata", email_frequency="weekly")
    author = make_user()
    thread = make_thread(make_community(), author, title="Watched talk")
    subscriptions.set_watch(reader, "thread", thread.id, muted=False)
    reply = make_reply(thread, author, "An answer in the week")
    reply.created_at = at("2026-11-25T08:00")  # Wednesday of ISO week 48
    db.session.commit()
    assert community.id
    assert run(db, "2026-11-30T00:00") == 0  # Monday 05:30 in Kolkata: not yet
    assert run(db, "2026-11-30T02:00") == 1  # Monday 07:30
    body = mailbox.wait_for(1) and mailbox.bodies_to(reader.email)[0]
    assert "1 new reply in “Watched talk”" in body
    assert run(db, "2026-12-03T02:00") == 0
    key = db.session.scalar(select(DigestRun.period_key))
    assert key == "weekly:2026-W48"


def test_an_empty_digest_is_recorded_not_sent(db, mailbox):
    quiet = make_user(email_frequency="daily")
    assert run(db, "2026-12-02T09:00") == 0
    run_row = db.session.scalar(select(DigestRun).where(DigestRun.user_id == quiet.id))
    assert run_row.status == "empty"
    assert mailbox.wait_for(1, timeout=0.3) == []
