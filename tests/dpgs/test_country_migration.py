"""Migration 0022 maps stored profile and lesson countries onto the countries
table through the importer's resolver, and lists what it cannot map."""

from flask_migrate import upgrade
from sqlalchemy import text

from community import create_app
from community.extensions import db
from config import TestConfig
from tests.factories import make_user
from tests.test_migrations import MIGRATIONS, empty_database_url  # noqa: F401


def test_existing_countries_are_mapped_and_the_rest_reported(
    empty_database_url,  # noqa: F811
    capfd,
):
    class MigrateConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = empty_database_url

    app = create_app(MigrateConfig)
    with app.app_context():
        upgrade(directory=MIGRATIONS, revision="0025")
        # Stored before the foreign key, as older versions let them be (the
        # column holds two characters, so no names).
        values = {"a": "ke", "b": " k", "c": "", "d": "ZZ", "e": "UG"}
        ids = {name: make_user(username=name, country="KE").id for name in values}
        db.session.remove()
        with db.engine.begin() as connection:
            for name, country in values.items():
                connection.execute(
                    text("UPDATE users SET country = :country WHERE id = :id"),
                    {"country": country, "id": ids[name]},
                )
        upgrade(directory=MIGRATIONS)
        with db.engine.connect() as connection:
            found = dict(
                connection.execute(text("SELECT username, country FROM users")).all()
            )
        db.engine.dispose()
    assert found == {"a": "KE", "b": None, "c": None, "d": None, "e": "UG"}
    report = capfd.readouterr().err
    assert "could not map 'ZZ' (1 rows)" in report
    assert "could not map ' k' (1 rows)" in report and "map ''" not in report
