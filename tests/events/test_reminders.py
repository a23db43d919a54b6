"""`flask events send-reminders`: a mail a day ahead, once per occurrence."""

from datetime import timedelta

from sqlalchemy import func, select

from community.events import rsvps
from community.events.models import EventReminder
from community.timezones import utcnow
from tests.factories import make_community, make_event, make_user


def test_reminders_go_once_per_occurrence_to_people_going(app, db, mailbox):
    soon = (utcnow() + timedelta(hours=5)).replace(tzinfo=None, second=0, microsecond=0)
    event = make_event(
        make_community(),
        title="Daily stand-up",
        start_local=soon,
        end_local=soon + timedelta(minutes=30),
        frequency="daily",
        count=3,
        location="Room 4",
    )
    going = make_user(email_frequency="immediately", timezone="Asia/Kolkata")
    not_going = make_user(email_frequency="immediately")
    rsvps.respond(going, event, "going")
    rsvps.respond(not_going, event, "not_going")
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["events", "send-reminders"])
    assert result.exit_code == 0 and "Sent 1 event reminders." in result.output
    mailbox.wait_for(1)
    bodies = mailbox.bodies_to(going.email)
    assert (
        len(bodies) == 1
        and "Daily stand-up" in bodies[0]
        and "Asia/Kolkata" in bodies[0]
    )
    assert mailbox.bodies_to(not_going.email) == []
    again = runner.invoke(args=["events", "send-reminders"])
    assert "Sent 0 event reminders." in again.output
    assert db.session.scalar(select(func.count(EventReminder.id))) == 1
    # The next day's occurrence gets its own reminder a day later.
    from community.events.reminders import send_reminders

    assert send_reminders(utcnow() + timedelta(days=1)) == 1
    db.session.commit()
    assert db.session.scalar(select(func.count(EventReminder.id))) == 2
