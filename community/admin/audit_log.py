"""The audit log as staff and community moderators read it: filtered by who,
what, on what, where and when, within what the reader may see."""

import re
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, Select, false, select
from sqlalchemy.orm import joinedload

from community.audit import AuditLog
from community.auth.models import User
from community.communities.models import Community
from community.extensions import db

TARGET_RE = re.compile(r"^([a-z_]+)[\s:#]*(\d+)$")


def entries(scope: ColumnElement[bool], filters: dict) -> Select:
    """Entries within the reader's scope matching the filter form, newest first."""
    query = (
        select(AuditLog)
        .options(joinedload(AuditLog.actor), joinedload(AuditLog.community))
        .where(scope)
        .order_by(AuditLog.created_at.desc(), AuditLog.id.desc())
    )
    for condition in conditions(filters):
        query = query.where(condition)
    return query


def conditions(filters: dict) -> list[ColumnElement[bool]]:
    found = []
    if filters.get("actor"):
        found.append(AuditLog.actor_id == user_id(filters["actor"]))
    if filters.get("action"):
        found.append(AuditLog.action.startswith(filters["action"], autoescape=True))
    if filters.get("target"):
        found.append(target_condition(filters["target"]))
    if filters.get("community"):
        community_id = db.session.scalar(
            select(Community.id).where(Community.slug == filters["community"].lower())
        )
        found.append(AuditLog.community_id == community_id if community_id else false())
    if filters.get("since"):
        found.append(AuditLog.created_at >= day_start(filters["since"]))
    if filters.get("until"):
        found.append(AuditLog.created_at < day_start(filters["until"], days=1))
    return found


def user_id(username: str) -> int:
    found = db.session.scalar(
        select(User.id).where(User.username_key == username.lower().lstrip("@"))
    )
    return found or 0  # no account: no entries


def target_condition(text: str) -> ColumnElement[bool]:
    """ "post 12" (a kind and number), or a username (entries about that person)."""
    match = TARGET_RE.match(text.lower())
    if match:
        kind, number = match.group(1), int(match.group(2))
        return (AuditLog.target_type == kind) & (AuditLog.target_id == number)
    return AuditLog.subject_id == user_id(text)


def day_start(day: date, days: int = 0) -> datetime:
    return datetime.combine(day + timedelta(days=days), time(0), tzinfo=UTC)
