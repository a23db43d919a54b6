"""Every command-line tool, registered here and only here: flask seed-demo,
flask users ..., flask notifications ..., flask events ..., flask search ...,
flask dpgs import, flask api ..., flask posts rerender"""

import click
from flask import Flask
from flask.cli import AppGroup

from community.extensions import db

users_cli = AppGroup("users", help="Manage accounts.")
notifications_cli = AppGroup("notifications", help="Notification jobs (for cron).")
events_cli = AppGroup("events", help="Event jobs (for cron).")
search_cli = AppGroup("search", help="The search index.")
dpgs_cli = AppGroup("dpgs", help="Digital public goods from the DPG Registry.")
organisations_cli = AppGroup("organisations", help="Organisation records.")
api_cli = AppGroup("api", help="API jobs (for cron).")
posts_cli = AppGroup("posts", help="Stored posts.")


@users_cli.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--username", prompt=True)
@click.password_option()
def create_admin(email: str, username: str, password: str) -> None:
    """Make a site admin (or promote an existing account)."""
    from community.auth import accounts
    from community.auth.passwords import password_problem

    existing = accounts.find_by_login(username) or accounts.find_by_login(email)
    if existing is not None:
        existing.site_role = "admin"
        db.session.commit()
        click.echo(f"{existing.username} is now an admin.")
        return
    problem = password_problem(password, username, email)
    if problem:
        raise click.BadParameter(problem, param_hint="password")
    user = accounts.create_admin(email, username, password)
    db.session.commit()
    click.echo(f"Created admin {user.username}.")


@notifications_cli.command("send-digests")
def send_digests() -> None:
    """E-mail the daily and weekly digests that are due (the worker does it too)."""
    from community.notifications.digests import run_digests

    click.echo(f"Sent {run_digests()} digests.")


@notifications_cli.command("send-batched")
def send_batched() -> None:
    """E-mail waiting batches of busy threads (the worker does it every minute)."""
    from community.notifications.mailing import run_batched

    click.echo(f"Sent {run_batched()} batched thread mails.")


@events_cli.command("send-reminders")
def send_reminders() -> None:
    """E-mail people going to events that start within 24 hours (run from cron)."""
    from community.events.reminders import send_reminders as run

    count = run()
    db.session.commit()
    click.echo(f"Sent {count} event reminders.")


@events_cli.command("sync-occurrences")
def sync_occurrences() -> None:
    """Rebuild every event's rows of dates (event_occurrences); a repair tool."""
    from community.events.occurrence_rows import sync_all

    count = sync_all()
    db.session.commit()
    click.echo(f"Dates of {count} events checked.")


@search_cli.command("reindex")
def reindex() -> None:
    """Rebuild the search index from the threads, events and lessons tables."""
    from community.search.indexing import reindex_all

    counts = reindex_all()
    db.session.commit()
    for kind, count in counts.items():
        click.echo(f"{kind}: {count} documents")
    click.echo("Search index rebuilt.")


@dpgs_cli.command("import")
@click.argument("source")
def import_dpgs(source: str) -> None:
    """Import the DPG Registry: a JSON file, a folder of *.json or an http(s) URL."""
    from community.dpgs.importing import import_records
    from community.dpgs.registry import RegistryFormatError, load_records

    try:
        records = load_records(source)
    except (RegistryFormatError, OSError) as error:
        raise click.ClickException(f"Not imported: {error}") from None
    report = import_records(records)
    db.session.commit()
    for line in report.lines():
        click.echo(line)


@organisations_cli.command("link-registry")
def link_registry() -> None:
    """Map every DPG's registry owners and funders onto organisation records."""
    from community.dpgs.models import Dpg
    from community.organisations.organising import link_registry_organisations

    links = sum(
        len(link_registry_organisations(dpg))
        for dpg in db.session.scalars(db.select(Dpg))
    )
    db.session.commit()
    click.echo(f"Linked {links} registry organisations to their DPGs.")


@api_cli.command("send-webhooks")
def send_webhooks() -> None:
    """Send webhook deliveries still waiting (needed only without Redis)."""
    from community.api.delivery import send_waiting

    count = send_waiting()
    click.echo(f"Tried {count} webhook deliveries.")


@posts_cli.command("rerender")
@click.option(
    "--batch-size", default=500, show_default=True, type=click.IntRange(1, 10_000)
)
def rerender_posts(batch_size: int) -> None:
    """Render every post's Markdown again with today's renderer (safe to rerun)."""
    from community.discussions.rerendering import Rerendered, rerender_batches

    total = Rerendered()
    for batch in rerender_batches(batch_size):
        db.session.commit()  # one transaction a batch: short locks, resumable
        total.add(batch)
    click.echo(
        f"Checked {total.checked} posts: {total.changed} re-rendered, "
        f"{total.checked - total.changed - total.refused} already current, "
        f"{total.refused} refused by the renderer (kept as they were)."
    )


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
def worker(burst: bool) -> None:
    """Run background jobs (e-mail, digests, batched thread mail) from Redis."""
    from community.jobs import run_worker
    from community.notifications.digests import run_digests
    from community.notifications.mailing import run_batched

    run_worker(burst=burst, periodic=[(run_batched, 60), (run_digests, 15 * 60)])


@click.command("mail-in")
@click.option("--host", default=None, help="Address to listen on (MAIL_IN_HOST).")
@click.option("--port", default=None, type=int, help="Port (MAIL_IN_PORT).")
def mail_in(host: str | None, port: int | None) -> None:
    """Receive replies by e-mail and bounces over SMTP (behind the MX)."""
    import time

    from flask import current_app

    from community.notifications.mailin import make_server

    app = current_app._get_current_object()
    host = host or app.config["MAIL_IN_HOST"]
    port = port or app.config["MAIL_IN_PORT"]
    server = make_server(app, host, port)
    server.start()
    click.echo(f"Receiving mail on {host}:{port}; Ctrl-C stops.")
    try:
        while True:  # the server runs in its own thread; SIGTERM ends the process
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


@click.command("seed-demo")
def seed_demo() -> None:
    """Load demo accounts and content (safe to run again)."""
    from community.demo import seed_all

    for line in seed_all():
        click.echo(line)


def init_commands(app: Flask) -> None:
    app.cli.add_command(users_cli)
    app.cli.add_command(notifications_cli)
    app.cli.add_command(events_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(dpgs_cli)
    app.cli.add_command(organisations_cli)
    app.cli.add_command(api_cli)
    app.cli.add_command(posts_cli)
    app.cli.add_command(seed_demo)
    app.cli.add_command(worker)
    app.cli.add_command(mail_in)
