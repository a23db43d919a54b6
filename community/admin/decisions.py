"""What staff do to one account: roles, the editor role, suspensions, and
confirming an address by hand. Every change goes to the audit log; the views
check admin/permissions.py first."""

from flask import current_app
from flask_babel import gettext as _

from community import audit
from community.auth import accounts
from community.auth.models import SITE_ROLES, User
from community.mail import send_after_commit
from community.timezones import utcnow


class DecisionRefused(ValueError):
    """A rule the form could not check; str() is the message for staff."""


def change_role(person: User, actor: User, role: str, ip: str = "") -> bool:
    """Set the site role; False when it was already that."""
    if role not in SITE_ROLES:
        raise DecisionRefused(_("Choose one of the roles listed."))
    if person.site_role == role:
        return False
    previous, person.site_role = person.site_role, role
    audit.record(actor, "account.role", person, f"{previous}->{role}", ip)
    return True


def set_editor(person: User, actor: User, editor: bool, ip: str = "") -> bool:
    """Grant or remove the editor role; False when nothing changed."""
    if person.is_editor == editor:
        return False
    person.is_editor = editor
    action = "account.editor_grant" if editor else "account.editor_remove"
    audit.record(actor, action, person, "", ip)
    return True


def suspend(person: User, actor: User, reason: str, ip: str = "") -> None:
    """Suspend the account: it is logged out everywhere and cannot log in."""
    if person.is_suspended:
        raise DecisionRefused(_("This account is already suspended."))
    accounts.suspend(person, reason)
    audit.record(actor, "account.suspend", person, reason, ip)


def lift_suspension(person: User, actor: User, note: str = "", ip: str = "") -> None:
    """End the suspension and tell the person by e-mail."""
    if not person.is_suspended:
        raise DecisionRefused(_("This account is not suspended."))
    reason = person.suspended_reason
    accounts.lift_suspension(person)
    detail = note or _("was suspended for: %(reason)s", reason=reason)
    audit.record(actor, "account.unsuspend", person, detail, ip)
    body = _(
        "Hello %(name)s,\n\nYour account on %(site)s is no longer suspended: "
        "you can log in and take part again.\n\n%(login)s\n",
        name=person.display_name,
        site=current_app.config["SITE_NAME"],
        login=accounts.external_url("auth.login"),
    )
    send_after_commit(person.email, _("Your account is active again"), body)


def confirm_email(person: User, actor: User, ip: str = "") -> None:
    """Mark the address confirmed, as if the person had opened the link."""
    if person.is_confirmed:
        raise DecisionRefused(_("This address is already confirmed."))
    person.email_confirmed_at = utcnow()
    audit.record(actor, "account.confirm_email", person, person.email, ip)
