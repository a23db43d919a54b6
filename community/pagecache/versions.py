"""Bumping the content versions on every write a visitor could see.

Each write bumps the versions of what it changes (models.py): a reply, an
edit, a hide, a move, a membership or an event bumps its community's version
and the site-wide lists' (a move bumps both communities); anything else, and
a bulk INSERT, bumps the site version, which every page holds (a bulk UPDATE
or DELETE is scoped by the rows its WHERE matches). So a
reply in one community leaves the other communities' cached pages alone.

The bump is an UPSERT in the writing transaction itself (after each flush, and
before each bulk UPDATE/DELETE/INSERT sent through the session), so it commits
or rolls back with the change: no process can read the new data under the old
version once the change is visible. Writes to tables no visitor page shows
(reading marks, notifications, mail, audit...) bump nothing, so signed-in
reading does not empty the cache.
"""

from flask import g, has_request_context
from sqlalchemy import String, cast, event, inspect, literal, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction
from sqlalchemy.orm.attributes import get_history

from community.extensions import db
from community.pagecache.models import (
    COMMUNITY_PREFIX,
    EVENTS,
    LISTS,
    SEARCH,
    SITE,
    CacheVersion,
    community_scope,
)

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
        "search_documents",  # shown only by search: renews SEARCH alone
        "search_terms",  # the "did you mean" vocabulary: search only too
    }
)
# Private tables whose writes renew the search results' version (SEARCH), so
# a reindex with no other write still renews every stored result block.
SEARCH_TABLES = frozenset({"search_documents", "search_terms"})

# Tables whose rows belong to one community, and the column that says which:
# the community itself, or its thread, post or event (PARENTS).
SCOPE_COLUMNS = {
    "communities": "id",
    "threads": "community_id",
    "memberships": "community_id",
    "events": "community_id",
    "tags": "community_id",
    "tag_synonyms": "community_id",
    "flags": "community_id",
    "posts": "thread_id",
    "thread_tags": "thread_id",
    "votes": "post_id",
    "post_revisions": "post_id",
    "event_occurrences": "event_id",
    "event_occurrence_changes": "event_id",
    "rsvps": "event_id",
}
# Tables the event lists show (titles, dates, communities' names and
# visibility): their writes renew EVENTS too. Whatever else those lists depend
# on reaches them through SITE; members' copies hold their reading scope.
EVENT_TABLES = frozenset(
    {"events", "event_occurrences", "event_occurrence_changes", "communities"}
)
# A parent's table and its community column (a post's: through its thread).
PARENTS = {
    "thread_id": ("threads", "community_id"),
    "event_id": ("events", "community_id"),
    "post_id": ("posts", "thread_id"),
}


def _value_of(name: str):
    return select(CacheVersion.value).where(CacheVersion.name == name)


def current(*names: str) -> str:
    """The version of site-wide lists (LISTS unless names are given: EVENTS,
    SEARCH, or several), with the site's, read in one statement a request."""
    names = names or (LISTS,)
    remembered = g.setdefault("_content_versions", {}) if has_request_context() else {}
    key = ",".join(names)
    if key not in remembered:
        site, *values = db.session.execute(
            select(*(_value_of(name).scalar_subquery() for name in (SITE, *names)))
        ).one()
        read = (
            f"{'' if name == LISTS else name}{value or 0}"
            for name, value in zip(names, values, strict=True)
        )
        remembered[key] = ".".join((str(site or 0), *read))
    return remembered[key]


def current_events() -> str:
    """The event lists' version (site and events)."""
    return current(EVENTS)


def current_search() -> str:
    """Search results' version: the site's, the lists' (every visible write,
    visibility and membership included) and the index's own (SEARCH)."""
    return current(LISTS, SEARCH)


def community_version_columns(community_id) -> list:
    """The columns current_for() reads (site, the community, its value), to
    ride in a page's own query; community_id may be a column or a subquery."""
    scope = literal(COMMUNITY_PREFIX) + cast(community_id, String)
    found = select(CacheVersion.value).where(CacheVersion.name == scope)
    return [_value_of(SITE).scalar_subquery(), community_id, found.scalar_subquery()]


def community_version(site, community, value) -> str:
    """The version of one community's pages, from community_version_columns()."""
    return f"{site or 0}.c{community}.{value or 0}"


def current_for(community_id) -> str:
    """The version of one community's pages (site and the community's), in one
    statement; community_id may be a scalar subquery (the thread's community).
    A plain id's version is read once a request (a page's several blocks)."""
    if isinstance(community_id, int):
        return _current_for_id(community_id)
    columns = community_version_columns(community_id)
    return community_version(*db.session.execute(select(*columns)).one())


def remember_for(community_id: int, version: str) -> None:
    """A community's version read in the page's own query (community_version
    of community_version_columns), kept as current_for() keeps its own read."""
    if has_request_context():
        g.setdefault("_community_versions", {})[community_id] = version


def _current_for_id(community_id: int) -> str:
    known = g.setdefault("_community_versions", {}) if has_request_context() else {}
    if community_id not in known:
        known[community_id] = current_for(literal(community_id))
    return known[community_id]


def bump_statement(dialect_name: str, names: set[str]):
    module = postgresql if dialect_name == "postgresql" else sqlite
    rows = [{"name": name, "value": 1} for name in sorted(names)]
    insert = module.insert(CacheVersion).values(rows)
    return insert.on_conflict_do_update(
        index_elements=[CacheVersion.name],
        set_={"value": CacheVersion.value + 1},
    )


def bump(session: Session, names: set[str] = frozenset({SITE})) -> None:
    """Renew the cached pages of these scopes, in the session's transaction."""
    connection = session.connection()
    connection.execute(bump_statement(connection.dialect.name, set(names)))
    if has_request_context():
        g.pop("_content_versions", None)
        g.pop("_community_versions", None)


def _table_name(target) -> str | None:
    table = getattr(target, "__table__", target)
    return getattr(table, "name", None)


def _values(item, column: str) -> set:
    """The column's value now and before this flush (a move changes it)."""
    history = get_history(item, column)
    return {*history.added, *history.unchanged, *history.deleted}


def communities_of(session: Session, column: str, ids: set) -> set | None:
    """The communities of rows whose scope column holds these values (the
    communities themselves, or their threads', posts', events'), in one query
    a level; None when a parent is gone already (deleted with it)."""
    ids = ids - {None}
    if column in ("id", "community_id") or not ids:
        return ids
    table_name, parent_column = PARENTS[column]
    table = db.metadata.tables[table_name]
    query = select(table.c.id, table.c[parent_column]).where(table.c.id.in_(ids))
    rows = session.connection().execute(query).all()
    if len(rows) < len(ids):
        return None
    return communities_of(session, parent_column, {value for _, value in rows})


def renewed(communities: set | None) -> set[str]:
    """The versions to bump for changes in these communities (None: unknown)."""
    if communities is None:
        return {SITE}
    # An event of no community is on the lists only.
    return {LISTS, *(community_scope(found) for found in communities - {None})}


def scopes_of(session: Session, items: list) -> set[str]:
    """The versions these changed rows renew: their communities' and the
    lists'; SITE when one is not a community's (its page could be anywhere)."""
    found: dict[str, set] = {}
    for item in items:
        column = SCOPE_COLUMNS.get(_table_name(type(item)))
        if column is None or column not in inspect(item).mapper.attrs:
            return {SITE}
        found.setdefault(column, set()).update(_values(item, column))
    communities: set = set()
    for column, values in found.items():
        through = communities_of(session, column, values)
        if through is None:
            return {SITE}
        communities |= through
    return renewed(communities)


def bulk_scopes(state: ORMExecuteState, table) -> set[str]:
    """What an UPDATE or DELETE renews: the communities of the rows it matches,
    read first with its own WHERE; SITE for an INSERT, a statement that sets
    the scope column (a move) or one whose rows cannot be told."""
    statement = state.statement
    column = SCOPE_COLUMNS.get(table.name)
    where = getattr(statement, "whereclause", None)
    if state.is_insert or column is None or where is None:
        return {SITE}
    values = getattr(statement, "_values", None) or {}
    if column in {getattr(key, "key", key) for key in values}:
        return {SITE}
    query = select(table.c[column]).where(where)
    matched = set(state.session.connection().execute(query).scalars())
    return renewed(communities_of(state.session, column, matched))


def with_events(names: set[str], tables: set) -> set[str]:
    """And EVENTS when one of the tables is on the event lists."""
    return names | {EVENTS} if tables & EVENT_TABLES else names


def changed_items(session: Session) -> list:
    return [
        item
        for item in (*session.new, *session.dirty, *session.deleted)
        if item not in session.dirty or session.is_modified(item)
    ]


def after_flush(session: Session, context: UOWTransaction) -> None:
    changed = changed_items(session)
    tables = {_table_name(type(item)) for item in changed}
    items = [item for item in changed if _table_name(type(item)) not in PRIVATE_TABLES]
    names = with_events(scopes_of(session, items), tables) if items else set()
    if tables & SEARCH_TABLES:
        names.add(SEARCH)
    if names:
        bump(session, names)


def before_bulk_write(state: ORMExecuteState) -> None:
    """Bulk statements (update(), delete(), insert() through the session)."""
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    table = getattr(state.statement, "table", None)
    name = _table_name(table)
    if name in SEARCH_TABLES:
        bump(state.session, {SEARCH})
    elif name not in PRIVATE_TABLES:
        bump(state.session, with_events(bulk_scopes(state, table), {table.name}))


def listen() -> None:
    """Attach the listeners to every session (once per process)."""
    if event.contains(Session, "after_flush", after_flush):
        return
    event.listen(Session, "after_flush", after_flush)
    event.listen(Session, "do_orm_execute", before_bulk_write)
