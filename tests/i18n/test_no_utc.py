"""A new account never sees UTC unless it chose it (issue 15, "done when"):
event pages, the agenda, the month view and the notification mail all speak
the account's zone (and the event's own, when the organiser planned it there)."""

from datetime import datetime

import pytest
from sqlalchemy import select

from community.auth.models import User
from community.notifications.models import Notification
from tests.auth.test_register import finish_link, form
from tests.events.test_ical import event_form
from tests.factories import make_community, make_event, make_membership, make_user


def main_part(page: str) -> str:
    """The page's content (the footer's zone list may name UTC as a choice)."""
    return page.split('<main id="main"')[1].split("</main>")[0]


@pytest.fixture
def newcomer(client, db, mailbox):
    """An account made through the sign-up form, zone guessed from the browser."""
    response = client.post(
        "/auth/register",
        data=form(email="ngozi@example.org", username="ngozi"),
        headers={"Accept-Language": "en-NG,en;q=0.8"},
    )
    assert response.status_code == 302
    client.get(finish_link(mailbox, "ngozi@example.org"))  # confirms and logs in
    person = db.session.scalars(select(User).filter_by(username="ngozi")).one()
    assert person.timezone == "Africa/Lagos"
    return person


@pytest.fixture
def berlin_forum(db):
    community = make_community(slug="forum")
    return make_event(
        community,
        title="Berlin forum",
        timezone="Europe/Berlin",
        start_local=datetime(2030, 3, 18, 10),
        end_local=datetime(2030, 3, 18, 11),
    )


def test_the_event_page_shows_the_events_clock_and_the_accounts(client, newcomer):
    event = make_event(
        title="Delhi webinar",
        timezone="Asia/Kolkata",
        start_local=datetime(2030, 3, 18, 14, 30),
        end_local=datetime(2030, 3, 18, 15, 30),
    )
    page = main_part(client.get(f"/events/{event.id}").get_data(as_text=True))
    assert "Event time (Asia/Kolkata)" in page
    assert "Your time (Africa/Lagos)" in page
    assert "Monday 18 March 2030, 10:00 WAT to 11:00 WAT" in page
    assert "Times are shown in Africa/Lagos." in page
    assert "UTC" not in page


@pytest.mark.parametrize(
    "url", ["/events/", "/events/?view=month&month=2030-03", "/events/month/2030/3"]
)
def test_the_agenda_and_month_view_use_the_accounts_zone(
    client, newcomer, berlin_forum, url
):
    page = main_part(client.get(url).get_data(as_text=True))
    assert "Berlin forum" in page
    assert "UTC" not in page
    assert "10:00" in page  # 10:00 Berlin is 10:00 in Lagos in March (both UTC+1)


def test_the_change_notification_and_mail_give_the_accounts_time(
    client, db, login, newcomer, berlin_forum, mailbox
):
    newcomer.email_frequency = "immediately"
    db.session.commit()
    client.post(f"/events/{berlin_forum.id}/rsvp", data={"answer": "going"})
    organiser = login(make_user(timezone="America/Sao_Paulo"))
    make_membership(organiser, berlin_forum.community, role="organiser")
    mailbox.messages.clear()
    response = client.post(
        f"/events/{berlin_forum.id}/edit",
        data=event_form(
            title="Berlin forum",
            start_local="2030-07-01T10:00",
            end_local="2030-07-01T11:00",
        ),
    )
    assert response.status_code == 302
    message = db.session.scalars(
        select(Notification.message).where(Notification.user_id == newcomer.id)
    ).one()
    # Summer: Berlin is UTC+2, Lagos UTC+1. Never the organiser's São Paulo.
    assert "Now Mon 1 Jul 2030, 10:00 (Europe/Berlin)." in message
    assert "In your time: Mon 1 Jul 2030, 09:00 (Africa/Lagos)." in message
    assert "UTC" not in message and "Sao_Paulo" not in message
    mailbox.wait_for(1)
    (body,) = mailbox.bodies_to(newcomer.email)
    assert "09:00 (Africa/Lagos)" in body and "UTC" not in body


def test_a_reminder_mail_is_in_the_accounts_zone(app, db, newcomer, berlin_forum):
    from types import SimpleNamespace

    from community.events import reminders
    from community.i18n import written_for

    occurrence = SimpleNamespace(start_at=berlin_forum.start_at)
    with app.test_request_context(), written_for(newcomer):
        text = reminders.body(berlin_forum, occurrence, newcomer)
    assert "18 Mar 2030, 10:00 WAT (your time, Africa/Lagos)" in text
    assert "UTC" not in text
