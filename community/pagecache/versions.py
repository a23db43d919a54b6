"""Bumping the content version on every write a visitor could see.

The bump is an UPSERT in the writing transaction itself (after each flush, and
before each bulk UPDATE/DELETE/INSERT sent through the session), so it commits
or rolls back with the change: no process can read the new data under the old
version once the change is visible. Writes to tables no visitor page shows
(reading marks, notifications, mail, audit...) bump nothing, so signed-in
reading does not empty the cache.
"""

from flask import g, has_request_context
from sqlalchemy import event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from community.extensions import db
from community.pagecache.models import SITE, CacheVersion

# Tables whose rows never reach a page a visitor can be served from the cache.
PRIVATE_TABLES = frozenset(
    {
        "cache_versions",
        "thread_reads",
        "notifications",
        "subscriptions",
        "mail_deliveries",
        "audit_logs",
        "pending_registrations",
        "recovery_codes",
        "event_reminders",
        "lesson_review_comments",
        "data_exports",
        "api_tokens",
        "webhooks",
        "webhook_deliveries",
        "thread_mail_states",
        "digest_runs",
        "mail_reply_uses",
    }
)


def current() -> int:
    """The content version now (0 before the first write), read once a request."""
    if has_request_context() and "_content_version" in g:
        return g._content_version
    value = db.session.scalar(
        select(CacheVersion.value).where(CacheVersion.name == SITE)
    )
    if has_request_context():
        g._content_version = value or 0
    return value or 0


def bump_statement(dialect_name: str):
    module = postgresql if dialect_name == "postgresql" else sqlite
    insert = module.insert(CacheVersion).values(name=SITE, value=1)
    return insert.on_conflict_do_update(
        index_elements=[CacheVersion.name],
        set_={"value": CacheVersion.value + 1},
    )


def bump(session: Session) -> None:
    """Renew every cached page, in the session's current transaction."""
    connection = session.connection()
    connection.execute(bump_statement(connection.dialect.name))
    if has_request_context():
        g.pop("_content_version", None)


def _table_name(target) -> str | None:
    table = getattr(target, "__table__", target)
    return getattr(table, "name", None)


def is_visible_change(session: Session) -> bool:
    changed = [*session.new, *session.dirty, *session.deleted]
    return any(
        _table_name(type(item)) not in PRIVATE_TABLES
        for item in changed
        if item not in session.dirty or session.is_modified(item)
    )


def after_flush(session: Session, context: UOWTransaction) -> None:
    if is_visible_change(session):
        bump(session)


def before_bulk_write(state: ORMExecuteState) -> None:
    """Bulk statements (update(), delete(), insert() through the session)."""
    statement = state.statement
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    table = getattr(statement, "table", None)
    if _table_name(table) not in PRIVATE_TABLES:
        bump(state.session)


def listen() -> None:
    """Attach the listeners to every session (once per process)."""
    if event.contains(Session, "after_flush", after_flush):
        return
    event.listen(Session, "after_flush", after_flush)
    event.listen(Session, "do_orm_execute", before_bulk_write)
