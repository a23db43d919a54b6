"""/auth/settings/export and /auth/settings/delete: a person's own data."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from community.auth.session import end_this_session
from community.extensions import db, limiter
from community.forms import ButtonForm, require, stale_form
from community.privacy import deletion, export
from community.privacy.forms import DeleteAccountForm
from community.privacy.models import DataExport
from community.privacy.permissions import (
    can_delete_account,
    can_download_export,
    can_export_data,
)

bp = Blueprint("privacy", __name__, url_prefix="/auth/settings")


@bp.get("/export")
@login_required
def list_exports():
    exports = db.session.scalars(
        select(DataExport)
        .where(DataExport.user_id == current_user.id)
        .order_by(DataExport.id.desc())
    ).all()
    return render_template(
        "privacy/exports.html", exports=exports, button_form=ButtonForm()
    )


@bp.post("/export")
@login_required
@limiter.limit("10 per hour", key_func=lambda: f"export-{current_user.id}")
def request_export():
    require(can_export_data(current_user))
    if not ButtonForm().validate_on_submit():
        stale_form()
    if export.recent_pending(current_user) is None:
        row = export.start_export(current_user)
        db.session.commit()  # the worker must see the row
        queued = export.dispatch(row, current_user)
        db.session.commit()
        if queued:
            flash(
                _("Your export is being prepared; we will tell you when it is ready.")
            )
        else:
            flash(_("Your export is ready to download."), "success")
    return redirect(url_for(".list_exports"))


@bp.get("/export/<int:export_id>.json")
@login_required
def download_export(export_id: int):
    row = db.session.get(DataExport, export_id)
    if row is None or not can_download_export(current_user, row):
        abort(404)  # someone else's export does not exist for them
    name = f"{current_user.username}-data-{row.id}.json"
    return Response(
        row.content,
        mimetype="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "private, no-store",
        },
    )


def delete_page(form, status: int = 200):
    removable, kept = deletion.post_counts(current_user)
    html = render_template(
        "privacy/delete.html", form=form, removable=removable, kept=kept
    )
    return html, status


@bp.route("/delete", methods=["GET", "POST"])
@login_required
def delete_account():
    require(can_delete_account(current_user), _("An admin account cannot be deleted."))
    form = DeleteAccountForm()
    form.user = current_user
    if not form.validate_on_submit():
        return delete_page(form, 400 if form.is_submitted() else 200)
    user = current_user._get_current_object()
    try:
        deletion.delete_account(user, remove_posts=form.posts.data == "remove")
    except deletion.DeletionRefused as refused:
        db.session.rollback()
        form.posts.errors = [str(refused)]
        return delete_page(form, 409)
    db.session.commit()
    end_this_session()
    flash(_("Your account is deleted. Thank you for taking part."), "info")
    return redirect(url_for("main.home"))
