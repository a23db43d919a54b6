"""A seat per date (issue 17, items 6 and 8): RSVPs, capacity, wait lists,
promotion, attendee lists and change notices per date of a series."""

import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from community.events.event_dates import occurrence_key
from community.events.models import EventOccurrence, Rsvp
from community.notifications.models import Notification
from tests.factories import make_community, make_event, make_membership, make_user


def weekly(capacity=2, count=8, **overrides):
    community = overrides.pop("community", None) or make_community()
    organiser = overrides.pop("organiser", None) or make_user(display_name="Olga")
    start = datetime(2031, 1, 8, 10)  # a Wednesday
    return make_event(
        community,
        organiser,
        title="Weekly clinic",
        timezone="Europe/Berlin",
        start_local=start,
        end_local=start + timedelta(hours=1),
        frequency="weekly",
        count=count,
        capacity=capacity,
        **overrides,
    )


def dates(db, event) -> list[EventOccurrence]:
    return list(
        db.session.scalars(
            select(EventOccurrence)
            .where(EventOccurrence.event_id == event.id)
            .order_by(EventOccurrence.start_at)
        )
    )


def key(row) -> str:
    return occurrence_key(row.original_start_at)


def answer(client, login, user, event, date, value="going"):
    login(user)
    return client.post(f"/events/{event.id}/rsvp", data={"answer": value, "date": date})


def answers(db, row) -> dict[int, str]:
    found = db.session.execute(
        select(Rsvp.user_id, Rsvp.status).where(Rsvp.occurrence_id == row.id)
    )
    return dict(found.all())


def test_capacity_and_wait_list_are_per_date(client, db, login):
    event = weekly(capacity=2)
    first, second = dates(db, event)[:2]
    people = [make_user() for _ in range(3)]
    for person in people:
        assert answer(client, login, person, event, key(first)).status_code == 302
    # Two seats on the first date: the third person waits there...
    assert answers(db, first) == {
        people[0].id: "going",
        people[1].id: "going",
        people[2].id: "waitlisted",
    }
    # ...and has a seat on the second date, which had nobody yet.
    assert answer(client, login, people[2], event, key(second)).status_code == 302
    assert answers(db, second) == {people[2].id: "going"}
    page = client.get(f"/events/{event.id}?date={key(first)}").get_data(as_text=True)
    assert "You are number 1 on the wait list for this date" in page
    assert "2 going" in page and "0 left" in page
    page = client.get(f"/events/{event.id}?date={key(second)}").get_data(as_text=True)
    assert "You are going to this date" in page and "1 left" in page


def test_promotion_is_per_date_and_told(client, db, login):
    event = weekly(capacity=1)
    first, second = dates(db, event)[:2]
    holder, waiting, other = make_user(), make_user(), make_user()
    answer(client, login, holder, event, key(first))
    answer(client, login, waiting, event, key(first))
    answer(client, login, holder, event, key(second))
    answer(client, login, other, event, key(second))
    assert answers(db, first)[waiting.id] == "waitlisted"
    assert (
        answer(client, login, holder, event, key(first), "not_going").status_code == 302
    )
    db.session.expire_all()
    assert answers(db, first) == {holder.id: "not_going", waiting.id: "going"}
    # The second date is untouched: the holder keeps that seat.
    assert answers(db, second) == {holder.id: "going", other.id: "waitlisted"}
    told = db.session.scalars(
        select(Notification.message).where(Notification.user_id == waiting.id)
    ).all()
    assert len(told) == 1 and "now going" in told[0]


def test_every_date_at_once_and_maybe(client, db, login):
    event = weekly(capacity=1, count=4)
    rows = dates(db, event)
    early = make_user()
    answer(client, login, early, event, key(rows[2]))
    person = make_user()
    response = answer(client, login, person, event, "all")
    assert response.status_code == 302
    db.session.expire_all()
    assert [answers(db, row).get(person.id) for row in rows] == [
        "going",
        "going",
        "waitlisted",  # someone had the only seat of the third date
        "going",
    ]
    answer(client, login, person, event, key(rows[0]), "maybe")
    assert answers(db, rows[0])[person.id] == "maybe"
    answer(client, login, person, event, "all", "not_going")
    assert {answers(db, row)[person.id] for row in rows} == {"not_going"}
    db.session.expire_all()
    assert answers(db, rows[2])[early.id] == "going"


def test_attendee_list_and_csv_are_per_date(client, db, login):
    organiser = make_user(display_name="Olga")
    community = make_community()
    make_membership(organiser, community, role="organiser")
    event = weekly(capacity=5, community=community, organiser=organiser)
    first, second = dates(db, event)[:2]
    ada, bo = make_user(display_name="Ada Lovelace"), make_user(display_name="Bo Li")
    answer(client, login, ada, event, key(first))
    answer(client, login, bo, event, key(second))
    login(organiser)
    page = client.get(f"/events/{event.id}/attendees?date={key(first)}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Ada Lovelace" in text and "Bo Li" not in text
    csv = client.get(f"/events/{event.id}/attendees.csv?date={key(second)}")
    body = csv.get_data(as_text=True)
    assert "Bo Li" in body and "Ada Lovelace" not in body
    assert key(second) in csv.headers["Content-Disposition"]
    assert client.get(f"/events/{event.id}/attendees?date=nonsense").status_code == 404
    assert (
        client.get(f"/events/{event.id}/attendees?date=20310101T000000Z").status_code
        == 404
    )


def test_cancelling_or_moving_one_date_tells_only_its_people(client, db, login):
    organiser = make_user(display_name="Olga")
    community = make_community()
    make_membership(organiser, community, role="organiser")
    event = weekly(capacity=5, community=community, organiser=organiser)
    first, second, third = dates(db, event)[:3]
    on_first, on_second, on_third = make_user(), make_user(), make_user()
    answer(client, login, on_first, event, key(first))
    answer(client, login, on_second, event, key(second))
    answer(client, login, on_third, event, key(third))
    login(organiser)
    response = client.post(f"/events/{event.id}/occurrences/{key(second)}/cancel")
    assert response.status_code == 302
    response = client.post(
        f"/events/{event.id}/occurrences/{key(third)}",
        data={"start_local": "2031-01-22T15:00", "end_local": "2031-01-22T16:00"},
    )
    assert response.status_code == 302

    def told(person):
        return db.session.scalars(
            select(Notification.message).where(Notification.user_id == person.id)
        ).all()

    assert told(on_first) == []
    assert len(told(on_second)) == 1 and "cancelled" in told(on_second)[0]
    assert len(told(on_third)) == 1 and "moved" in told(on_third)[0]
    db.session.expire_all()
    assert db.session.get(EventOccurrence, second.id).cancelled
    moved = db.session.get(EventOccurrence, third.id)
    assert moved.moved and moved.start_local == datetime(2031, 1, 22, 15)
    # RSVPs stay with the moved date; the cancelled one takes no new answers.
    assert answers(db, moved) == {on_third.id: "going"}
    assert answer(client, login, make_user(), event, key(second)).status_code == 400


def test_every_future_date_can_be_changed(client, db, login):
    organiser = make_user(display_name="Olga")
    community = make_community()
    make_membership(organiser, community, role="organiser")
    event = weekly(count=80, community=community, organiser=organiser)
    rows = dates(db, event)
    login(organiser)
    page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert f"/events/{event.id}/dates" in page
    listing = client.get(f"/events/{event.id}/dates").get_data(as_text=True)
    listing += client.get(f"/events/{event.id}/dates?page=2").get_data(as_text=True)
    for row in rows:
        assert f"/events/{event.id}/occurrences/{key(row)}" in listing
    last = client.get(f"/events/{event.id}/occurrences/{key(rows[-1])}")
    assert last.status_code == 200


def test_bad_date_keys_are_answered_cleanly(client, db, login):
    event = weekly()
    person = login(make_user())
    assert answer(client, login, person, event, "2031-01-08").status_code == 404
    assert answer(client, login, person, event, "x" * 40).status_code == 400
    assert client.get(f"/events/{event.id}?date=bad").status_code == 200  # next date
    assert client.get(f"/events/{event.id}?date=%00bad").status_code == 400
    assert client.get(f"/events/{event.id}/dates").status_code == 200


def status_counts(database, occurrence_id) -> dict[str, int]:
    query = (
        select(Rsvp.status, func.count())
        .where(Rsvp.occurrence_id == occurrence_id)
        .group_by(Rsvp.status)
    )
    return dict(database.session.execute(query).all())


def race_for_last_seats(app, event_id: int, date: str, people: list) -> list[int]:
    """Each person (a session id) posts from their own client and connection."""
    clients = []
    for session_id in people:
        racer = app.test_client()
        with racer.session_transaction() as session:
            session["_user_id"] = session_id
        clients.append(racer)
    barrier = threading.Barrier(len(clients))
    codes = []

    def race(racer):
        barrier.wait()
        response = racer.post(
            f"/events/{event_id}/rsvp", data={"answer": "going", "date": date}
        )
        codes.append(response.status_code)

    threads = [threading.Thread(target=race, args=(racer,)) for racer in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return codes


def test_concurrent_rsvps_for_one_date_never_overbook(app, db):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("in-memory SQLite is one connection; the file test races there")
    event = weekly(capacity=3)
    first = dates(db, event)[0]
    people = [make_user().get_id() for _ in range(10)]
    codes = race_for_last_seats(app, event.id, key(first), people)
    assert codes == [302] * 10
    db.session.expire_all()
    counts = status_counts(db, first.id)
    assert counts == {"going": 3, "waitlisted": 7}
    assert db.session.get(EventOccurrence, first.id).going_count == 3


def test_concurrent_rsvps_for_one_date_on_a_sqlite_file(tmp_path):
    from community import create_app
    from community.extensions import db as database
    from config import TestConfig

    class FileConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'race.db'}"
        SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    app = create_app(FileConfig)
    with app.app_context():
        database.create_all()
        event = weekly(capacity=3)
        first = dates(database, event)[0]
        event_id, date, first_id = event.id, key(first), first.id
        people = [make_user().get_id() for _ in range(10)]
    codes = race_for_last_seats(app, event_id, date, people)
    with app.app_context():
        counts = status_counts(database, first_id)
        database.engine.dispose()
    assert codes == [302] * 10
    assert counts == {"going": 3, "waitlisted": 7}


def post_from_own_process(database_url, session_id, event_id, date, barrier, codes):
    """One gunicorn-like worker: its own app, engine and connection."""
    from community import create_app
    from config import TestConfig

    class ProcessConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = database_url
        SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}

    app = create_app(ProcessConfig)
    racer = app.test_client()
    with racer.session_transaction() as session:
        session["_user_id"] = session_id
    barrier.wait()
    response = racer.post(
        f"/events/{event_id}/rsvp", data={"answer": "going", "date": date}
    )
    codes.put(response.status_code)


def test_rsvps_from_separate_processes_never_overbook(app, db, tmp_path):
    """Like several gunicorn workers: each process has its own pool and session."""
    import multiprocessing

    from community.extensions import db as database

    if db.engine.dialect.name == "postgresql":
        url = db.engine.url.render_as_string(hide_password=False)
        session = database.session
    else:
        pytest.skip("the SQLite file race runs in the thread test above")
    event = weekly(capacity=2)
    first = dates(db, event)[0]
    people = [make_user().get_id() for _ in range(6)]
    session.commit()
    database.engine.dispose()  # no pooled connection is shared with the children
    context = multiprocessing.get_context("fork")
    barrier, codes = context.Barrier(len(people)), context.Queue()
    workers = [
        context.Process(
            target=post_from_own_process,
            args=(url, person, event.id, key(first), barrier, codes),
        )
        for person in people
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert sorted(codes.get(timeout=5) for _ in people) == [302] * 6
    db.session.expire_all()
    counts = status_counts(db, first.id)
    assert counts == {"going": 2, "waitlisted": 4}
