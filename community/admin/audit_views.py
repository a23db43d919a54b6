"""/admin/audit: the audit log, filtered; each reader sees only their scope."""

from flask import render_template, request
from flask_login import current_user

from community.admin import audit_log
from community.admin.forms import AuditFilterForm
from community.admin.permissions import audit_scope, can_read_audit_log
from community.admin.views import bp
from community.forms import require
from community.pagination import paginate


@bp.get("/audit")
def list_audit_entries():
    require(can_read_audit_log(current_user))
    form = AuditFilterForm(request.args)
    valid = form.validate() or not request.args
    query = audit_log.entries(audit_scope(current_user), form.data if valid else {})
    page = paginate(query, per_page=50)
    html = render_template("admin/audit_log.html", form=form, page=page)
    return html, 200 if valid else 400
