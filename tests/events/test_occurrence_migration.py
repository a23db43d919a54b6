"""Migration 0014 materialises dates and splits series RSVPs into one per date,
and downgrades back (on SQLite and PostgreSQL)."""

from datetime import datetime, timedelta

from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select, text

from community import create_app
from community.events import rsvps
from community.events.models import EventOccurrence, Rsvp
from community.extensions import db
from config import TestConfig
from tests.factories import make_community, make_event, make_user
from tests.test_migrations import MIGRATIONS, empty_database_url  # noqa: F401


def test_series_rsvps_become_one_per_coming_date(empty_database_url):  # noqa: F811
    class MigrateConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = empty_database_url

    app = create_app(MigrateConfig)
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        start = datetime.now().replace(microsecond=0, second=0) + timedelta(days=2)
        series = make_event(
            make_community(),
            timezone="Europe/Berlin",
            start_local=start,
            end_local=start + timedelta(hours=1),
            frequency="weekly",
            count=4,
            capacity=1,
        )
        first, second = make_user(), make_user()
        rsvps.respond(first, series, "going")
        rsvps.respond(second, series, "going")
        db.session.commit()
        series_id, first_id, second_id = series.id, first.id, second.id
        db.session.remove()
        downgrade(directory=MIGRATIONS, revision="0017")
        with db.engine.connect() as connection:
            kept = connection.execute(text("SELECT user_id, status FROM rsvps")).all()
        assert sorted(kept) == [(first_id, "going"), (second_id, "waitlisted")]
        upgrade(directory=MIGRATIONS)
        db.session.remove()
        dates = db.session.scalar(
            select(func.count())
            .select_from(EventOccurrence)
            .where(EventOccurrence.event_id == series_id)
        )
        per_date = db.session.execute(
            select(Rsvp.user_id, Rsvp.status, func.count())
            .group_by(Rsvp.user_id, Rsvp.status)
            .order_by(Rsvp.user_id)
        ).all()
        going = db.session.scalars(select(EventOccurrence.going_count)).all()
        db.session.remove()
        db.engine.dispose()
    assert dates == 4
    assert per_date == [(first_id, "going", 4), (second_id, "waitlisted", 4)]
    assert going == [1, 1, 1, 1]


def test_sync_occurrences_command_repairs_missing_dates(app, db):
    from sqlalchemy import delete

    event = make_event(make_community(), frequency="daily", count=5)
    db.session.execute(delete(EventOccurrence))
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["events", "sync-occurrences"])
    assert result.exit_code == 0 and "Dates of 1 events checked." in result.output
    count = select(func.count()).where(EventOccurrence.event_id == event.id)
    assert db.session.scalar(count) == 5
