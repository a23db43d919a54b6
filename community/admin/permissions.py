"""Who may do what in the admin area: the one place these rules live.

- Site moderators and admins open the admin area: they find people, read a
  person's activity and audit trail, confirm addresses by hand, and suspend
  accounts or end suspensions.
- Only admins change site roles, grant or remove the editor role, suspend other
  staff, and edit the site pages. Nobody acts on their own account here.
- The audit log is readable by every site moderator and admin, and by
  community moderators for their own communities' entries only (audit_scope).
- When STAFF_TWO_FACTOR_REQUIRED is on, nobody uses any of it without
  two-factor authentication (views.require_two_factor).
"""

from flask import abort
from sqlalchemy import ColumnElement, false, true

from community.audit import AuditLog
from community.auth.models import User
from community.communities.permissions import (
    is_active_account,
    is_admin,
    is_site_moderator,
    memberships_of,
)
from community.extensions import db


def can_open_admin(user) -> bool:
    """Find people and read their activity: site moderators and admins."""
    return is_active_account(user) and is_site_moderator(user)


def can_change_roles(user, person: User | None = None) -> bool:
    """Change site roles and the editor role: admins, never on themselves."""
    return (
        is_active_account(user)
        and is_admin(user)
        and (person is None or person.id != user.id)
    )


def can_suspend(user, person: User) -> bool:
    """Suspend or end a suspension: site moderators for members, admins for
    staff too; nobody for themselves or for an admin (demote first)."""
    if not can_open_admin(user) or person.id == user.id or person.is_admin:
        return False
    return is_admin(user) or not person.is_staff


def can_confirm_email(user, person: User) -> bool:
    """Mark an address confirmed by hand (the mail never arrived)."""
    return can_open_admin(user) and not person.is_confirmed


def can_edit_site_pages(user) -> bool:
    return is_active_account(user) and is_admin(user)


def moderated_community_ids(user) -> list[int]:
    return [
        community_id
        for community_id, found in memberships_of(user).items()
        if found.status == "active" and found.role == "moderator"
    ]


def can_read_audit_log(user) -> bool:
    """Site staff, and whoever moderates at least one community."""
    return is_active_account(user) and (
        is_site_moderator(user) or bool(moderated_community_ids(user))
    )


def audit_scope(user) -> ColumnElement[bool]:
    """SQL condition on AuditLog: the entries this person may read."""
    if not is_active_account(user):
        return false()
    if is_site_moderator(user):
        return true()
    ids = moderated_community_ids(user)
    return AuditLog.community_id.in_(ids) if ids else false()


def get_person_or_404(person_id: int) -> User:
    person = db.session.get(User, person_id)
    if person is None:
        abort(404)
    return person


TEMPLATE_PREDICATES = (
    can_open_admin,
    can_change_roles,
    can_suspend,
    can_confirm_email,
    can_edit_site_pages,
    can_read_audit_log,
)
