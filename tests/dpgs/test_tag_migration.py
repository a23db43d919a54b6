"""Migration 0012 turns the old free-text DPG tags on lessons into catalogue
links or staff suggestions (nothing lost), reports what it could not match, and
the importer links the suggestions once the registry brings the goods."""

from pathlib import Path

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from community import create_app
from community.extensions import db
from config import TestConfig
from tests.test_migrations import MIGRATIONS, empty_database_url  # noqa: F401

FIXTURE = Path(__file__).parent / "fixtures" / "registry_small.json"
VERSION = {
    "id": 1, "lesson_id": 1, "number": 1, "title": "Old lesson", "summary": "s",
    "pilot_name": "p", "sector": "health", "stage": "pilot", "year": 2024,
    "authors": "a", "organisation": "o", "evidence_links": "", "change_note": "",
    "context_source": "", "context_html": "", "done_source": "", "done_html": "",
    "learned_source": "l", "learned_html": "<p>l</p>", "recommendations_source": "",
    "recommendations_html": "", "created_at": "2024-01-01 00:00:00+00:00",
}  # fmt: skip


def old_lesson_with_tags(names: list[str]) -> None:
    statements = [
        "INSERT INTO lessons (id, slug, status, created_at, published_version_id) "
        "VALUES (1, 'old-lesson', 'published', '2024-01-01 00:00:00+00:00', NULL)",
        "INSERT INTO lesson_versions ("
        + ", ".join(VERSION)
        + ") VALUES ("
        + ", ".join(f":{name}" for name in VERSION)
        + ")",
        "UPDATE lessons SET published_version_id = 1",
    ]
    db.session.execute(text(statements[0]))
    db.session.execute(text(statements[1]), VERSION)
    db.session.execute(text(statements[2]))
    for number, name in enumerate(names, start=1):
        db.session.execute(
            text("INSERT INTO dpg_tags (id, name, name_key) VALUES (:i, :n, :k)"),
            {"i": number, "n": name, "k": name.lower()},
        )
        db.session.execute(
            text("INSERT INTO lesson_version_dpg_tags VALUES (1, :i)"), {"i": number}
        )
    db.session.commit()


def test_tags_become_suggestions_then_links_and_survive_a_downgrade(
    empty_database_url,  # noqa: F811 - the fixture, imported
    capfd,
):
    class MigrateConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = empty_database_url

    app = create_app(MigrateConfig)
    with app.app_context():
        upgrade(directory=MIGRATIONS, revision="0017")
        old_lesson_with_tags(["Health Records Kit", "Made Up Good"])
        capfd.readouterr()
        upgrade(directory=MIGRATIONS, revision="0012")
        report = "".join(capfd.readouterr())  # alembic logs to stderr
        assert "2 kept as suggestions" in report
        assert "Health Records Kit (1), Made Up Good (1)" in report
        waiting = db.session.execute(
            text(
                "SELECT name, source_kind, source_id FROM dpg_suggestions ORDER BY name"
            )
        ).all()
        assert [tuple(row) for row in waiting] == [
            ("Health Records Kit", "lesson_version", 1),
            ("Made Up Good", "lesson_version", 1),
        ]
        result = app.test_cli_runner().invoke(args=["dpgs", "import", str(FIXTURE)])
        assert "1 suggestions linked" in result.output, result.output
        linked = (
            db.session.execute(
                text(
                    "SELECT d.slug FROM lesson_version_dpgs l "
                    "JOIN dpgs d ON d.id = l.dpg_id WHERE l.version_id = 1"
                )
            )
            .scalars()
            .all()
        )
        assert linked == ["health-records-kit"]
        db.session.remove()
        downgrade(directory=MIGRATIONS, revision="0017")
        tags = (
            db.session.execute(
                text(
                    "SELECT g.name FROM lesson_version_dpg_tags t "
                    "JOIN dpg_tags g ON g.id = t.dpg_tag_id ORDER BY g.name"
                )
            )
            .scalars()
            .all()
        )
        assert tags == ["Health Records Kit", "Made Up Good"]
        db.session.remove()
        db.engine.dispose()
