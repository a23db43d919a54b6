"""The in-app notification list."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from community.extensions import db
from community.forms import (
    ButtonForm,
    require_button,
)
from community.notifications.models import Notification
from community.notifications.sending import mark_read, notifications_of
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
