from sqlalchemy import func, select

from community.demo import seed_all
from community.extensions import db as database


def row_counts():
    return {
        table.name: database.session.scalar(select(func.count()).select_from(table))
        for table in database.metadata.sorted_tables
    }


def test_seed_demo_is_idempotent(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "Demo accounts" in result.output and "amina" in result.output
    first = row_counts()
    assert first["users"] >= 10
    seed_all()
    assert row_counts() == first


def test_create_admin_command(app, db):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "users",
            "create-admin",
            "--email",
            "root@example.org",
            "--username",
            "root",
        ],
        input="a sturdy passphrase\na sturdy passphrase\n",
    )
    assert result.exit_code == 0, result.output
    from community.auth.accounts import find_by_login

    assert find_by_login("root").is_admin
