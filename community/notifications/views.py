"""The in-app notification list."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from community.extensions import csrf, db
from community.forms import (
    ButtonForm,
    require_button,
)
from community.notifications import unsubscribing
from community.notifications.models import Notification
from community.notifications.sending import mark_read, notifications_of
from community.notifications.tokens import TokenRefused
from community.pagination import paginate
from community.redirects import safe_next

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.get("/")
@login_required
def list_notifications():
    page = paginate(notifications_of(current_user), per_page=30)
    return render_template("notifications/list.html", page=page, form=ButtonForm())


@bp.post("/<int:notification_id>/read")
@login_required
def read_one(notification_id: int):
    require_button()
    mark_read(current_user, notification_id)
    db.session.commit()
    notification = db.session.get(Notification, notification_id)
    if notification is not None and notification.user_id == current_user.id:
        return redirect(safe_next(notification.url, url_for(".list_notifications")))
    return redirect(url_for(".list_notifications"))


@bp.post("/read-all")
@login_required
def read_all():
    require_button()
    mark_read(current_user)
    db.session.commit()
    return redirect(safe_next(request.form.get("next"), url_for(".list_notifications")))


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
# RFC 8058: mail clients POST with no session; the signed token is the proof.
@csrf.exempt
def unsubscribe(token: str):
    try:
        user, target_type, target_id = unsubscribing.read_link(token[:500])
    except TokenRefused:
        return render_template("notifications/unsubscribe.html", what=None), 400
    what = unsubscribing.describe(user, target_type, target_id)
    if request.method == "POST":
        unsubscribing.unsubscribe(user, target_type, target_id)
        db.session.commit()
    page = render_template(
        "notifications/unsubscribe.html", what=what, done=request.method == "POST"
    )
    return page
