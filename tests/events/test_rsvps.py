"""RSVPs: capacity, wait list, promotion, closing, attendee lists, no overbooking."""

import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from community.events.models import Event, Rsvp
from community.notifications.models import Notification
from community.timezones import utcnow
from tests.factories import make_community, make_event, make_membership, make_user


def answer(client, login, user, event, value="going"):
    login(user)
    return client.post(f"/events/{event.id}/rsvp", data={"answer": value})


def statuses(db, event) -> dict[int, str]:
    rows = db.session.execute(
        select(Rsvp.user_id, Rsvp.status).where(Rsvp.event_id == event.id)
    )
    return dict(rows.all())


def test_going_beyond_capacity_waits_and_is_promoted_in_order(
    client, db, login, mailbox
):
    organiser = make_user(display_name="Olga")
    event = make_event(make_community(), organiser, title="Workshop", capacity=2)
    first, second, third, fourth = (
        make_user(email_frequency="immediately") for _ in range(4)
    )
    for person in (first, second, third, fourth):
        assert answer(client, login, person, event).status_code == 302
    assert statuses(db, event) == {
        first.id: "going",
        second.id: "going",
        third.id: "waitlisted",
        fourth.id: "waitlisted",
    }
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "2 going" in page and "0 left" in page
    assert "You are number 2 on the wait list for this date" in page
    answer(client, login, first, event, "not_going")
    db.session.expire_all()
    assert statuses(db, event)[third.id] == "going"
    assert statuses(db, event)[fourth.id] == "waitlisted"
    assert db.session.get(Event, event.id).going_count == 2
    told = db.session.scalars(
        select(Notification).where(Notification.kind == "rsvp_promoted")
    ).all()
    assert {item.user_id for item in told} == {third.id, organiser.id}
    mailbox.wait_for(1)
    assert any("now going" in body for body in mailbox.bodies_to(third.email))


def test_raising_capacity_promotes_the_wait_list(client, db, login):
    community = make_community(slug="govstack")
    organiser = make_user()
    make_membership(organiser, community, role="organiser")
    event = make_event(community, organiser, capacity=1, timezone="UTC")
    waiting = make_user()
    answer(client, login, make_user(), event)
    answer(client, login, waiting, event)
    login(organiser)
    from tests.events.test_ical import event_form

    start = event.start_local.strftime("%Y-%m-%dT%H:%M")
    end = event.end_local.strftime("%Y-%m-%dT%H:%M")
    form = event_form(
        title=event.title,
        timezone="UTC",
        start_local=start,
        end_local=end,
        capacity="2",
    )
    assert client.post(f"/events/{event.id}/edit", data=form).status_code == 302
    assert statuses(db, event)[waiting.id] == "going"


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ({"rsvp_deadline_local": datetime(2020, 1, 1)}, "deadline has passed"),
        (
            {
                "start_local": datetime(2020, 1, 1, 10),
                "end_local": datetime(2020, 1, 1, 11),
            },
            "has started",
        ),
    ],
)
def test_rsvps_close_after_the_deadline_or_the_start(client, db, login, setup, message):
    event = make_event(make_community(), **setup)
    response = answer(client, login, make_user(), event)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert statuses(db, event) == {}


def test_rsvps_close_when_the_event_is_cancelled(client, db, login):
    from community.events.scheduling import cancel_event

    event = make_event(make_community())
    cancel_event(None, event)
    db.session.commit()
    response = answer(client, login, make_user(), event)
    assert response.status_code == 400 and "cancelled" in response.get_data(
        as_text=True
    )


def test_a_started_series_still_takes_rsvps_for_its_next_dates(client, db, login):
    start = (utcnow() - timedelta(days=2)).replace(tzinfo=None, microsecond=0)
    event = make_event(
        make_community(),
        start_local=start,
        end_local=start + timedelta(hours=1),
        frequency="weekly",
        count=4,
    )
    assert answer(client, login, make_user(), event).status_code == 302


def test_attendee_csv_neutralises_formulas(client, db, login):
    community = make_community()
    organiser = make_user()
    make_membership(organiser, community, role="organiser")
    event = make_event(community, organiser, capacity=3)
    names = ['=HYPERLINK("http://evil")', "+cmd", "-2+3", "@SUM(A1)", "Plain Name"]
    for name in names:
        answer(client, login, make_user(display_name=name), event)
    login(organiser)
    page = client.get(f"/events/{event.id}/attendees").get_data(as_text=True)
    assert "Going (3 of 3 seats)" in page and "Wait list (2)" in page
    response = client.get(f"/events/{event.id}/attendees.csv")
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    for name in names[:4]:
        assert f"'{name}" in text.replace('""', '"')
    assert "Plain Name" in text and "'Plain" not in text
    lines = text.strip().splitlines()
    assert all(
        not cell.startswith(("=", "+", "-", "@"))
        for line in lines
        for cell in line.split(",")
    )
    login(make_user())
    assert client.get(f"/events/{event.id}/attendees.csv").status_code == 403


def test_concurrent_rsvps_never_overbook(app, db, login):
    """Many clients, each with its own connection, race for the last two seats."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip(
            "the in-memory SQLite test database is one connection; "
            "test_sqlite_file_database_never_overbooks_either races on a file"
        )
    event = make_event(make_community(), capacity=5)
    from community.events import rsvps

    for _ in range(3):
        rsvps.respond(make_user(), event, "going")
        db.session.commit()
    racers = [make_user() for _ in range(12)]
    clients = []
    for person in racers:
        racer = app.test_client()
        with racer.session_transaction() as session:
            session["_user_id"] = person.get_id()
        clients.append(racer)
    url = f"/events/{event.id}/rsvp"
    barrier = threading.Barrier(len(clients))
    codes = []

    def race(racer):
        barrier.wait()
        codes.append(racer.post(url, data={"answer": "going"}).status_code)

    threads = [threading.Thread(target=race, args=(racer,)) for racer in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes == [302] * 12
    db.session.expire_all()
    going = db.session.scalar(
        select(func.count()).where(Rsvp.event_id == event.id, Rsvp.status == "going")
    )
    waiting = db.session.scalar(
        select(func.count()).where(
            Rsvp.event_id == event.id, Rsvp.status == "waitlisted"
        )
    )
    assert (going, waiting) == (5, 10)
    assert db.session.get(Event, event.id).going_count == 5
    positions = db.session.scalars(
        select(Rsvp.position).where(
            Rsvp.event_id == event.id, Rsvp.status == "waitlisted"
        )
    ).all()
    assert sorted(positions) == list(range(1, 11))  # a strict order, no ties


def test_sqlite_file_database_never_overbooks_either(tmp_path):
    """SQLite has no row locks: threads on a file database race for two seats,
    half of them switching an existing "not going" answer (no insert to lock on)."""
    from community import create_app
    from community.auth.models import User
    from community.events import rsvps
    from community.extensions import db as database
    from config import TestConfig

    class FileConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'race.db'}"
        SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}  # no PostgreSQL options

    app = create_app(FileConfig)
    with app.app_context():
        database.create_all()
        event = make_event(make_community(), capacity=5)
        for _ in range(3):
            rsvps.respond(make_user(), event, "going")
        racers = [make_user() for _ in range(12)]
        for person in racers[:6]:
            rsvps.respond(person, event, "not_going")
        database.session.commit()
        event_id, ids = event.id, [person.id for person in racers]
    barrier = threading.Barrier(len(ids))

    def race(user_id):
        with app.app_context():
            person = database.session.get(User, user_id)
            target = database.session.get(Event, event_id)
            barrier.wait()
            rsvps.respond(person, target, "going")
            database.session.commit()

    threads = [threading.Thread(target=race, args=(user_id,)) for user_id in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with app.app_context():
        counts = dict(
            database.session.execute(
                select(Rsvp.status, func.count()).group_by(Rsvp.status)
            ).all()
        )
        database.engine.dispose()
    assert counts == {"going": 5, "waitlisted": 10}
