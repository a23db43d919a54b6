"""Event reminders go to everyone going and name the day in the person's zone."""

from datetime import UTC, datetime

from community.events import rsvps
from community.events.reminders import send_reminders
from tests.factories import make_community, make_event, make_user


def test_today_or_tomorrow_in_each_zone_whatever_the_mail_setting(db, mailbox):
    event = make_event(
        make_community(),
        title="Registry forum",
        start_local=datetime(2026, 12, 10, 4, 0),  # UTC
        end_local=datetime(2026, 12, 10, 5, 0),
    )
    kolkata = make_user(timezone="Asia/Kolkata", email_frequency="never")
    sao_paulo = make_user(timezone="America/Sao_Paulo", email_frequency="daily")
    bouncing = make_user(email_bounced_at=datetime(2026, 12, 1, tzinfo=UTC))
    for person in (kolkata, sao_paulo, bouncing):
        rsvps.respond(person, event, "going")
    db.session.commit()
    # 20:00 UTC on 9 December: 01:30 on the 10th in Kolkata (the forum is at
    # 09:30 that day), 17:00 on the 9th in São Paulo (it is at 01:00 on the 10th).
    assert send_reminders(datetime(2026, 12, 9, 20, 0, tzinfo=UTC)) == 2
    db.session.commit()
    mails = {mail["To"]: mail["Subject"] for mail in mailbox.wait_for(2)}
    assert mails == {
        kolkata.email: "Today: Registry forum",
        sao_paulo.email: "Tomorrow: Registry forum",
    }
