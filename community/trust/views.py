"""The held-post queue, beside the flag queue: approve or keep hidden."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.audit import client_ip
from community.communities.permissions import can_see_content, get_community_or_404
from community.extensions import db
from community.trust import holding, levels
from community.trust.forms import ApproveForm, RejectForm
from community.trust.models import PostHold
from community.trust.permissions import TEMPLATE_PREDICATES, can_review_held_posts

bp = Blueprint("trust", __name__)


@bp.record_once
def register_predicates(state) -> None:
    state.app.jinja_env.globals.update(TEMPLATE_PREDICATES)


def get_hold_or_404(hold_id: int) -> PostHold:
    """The hold, or 404 when it does not exist or its community's content is hidden."""
    entry = db.session.get(PostHold, hold_id)
    if entry is None or not can_see_content(current_user, entry.post.thread.community):
        abort(404)
    if not can_review_held_posts(current_user, entry.post.thread.community):
        abort(403)
    return entry


def queue_page(
    community, status: int = 200, reject_form=None, failed_id=None, stale=False
):
    return render_template(
        "trust/held.html",
        community=community,
        holds=holding.open_holds(community),
        approve_form=ApproveForm(),
        reject_form=reject_form or RejectForm(),
        failed_id=failed_id,
        stale=stale,
        level_name=levels.level_name,
        effective_level=levels.effective_level,
    ), status


@bp.get("/c/<slug>/held")
@login_required
def list_held_posts(slug: str):
    community = get_community_or_404(slug)
    if not can_see_content(current_user, community):
        abort(404)
    if not can_review_held_posts(current_user, community):
        abort(403)
    return queue_page(community)


@bp.post("/held/<int:hold_id>/<any(approve, reject):decision>")
@login_required
def decide_held_post(hold_id: int, decision: str):
    entry = get_hold_or_404(hold_id)
    community = entry.post.thread.community
    form = ApproveForm() if decision == "approve" else RejectForm()
    if not form.validate_on_submit():
        if decision == "approve":  # only the CSRF token can be wrong
            return queue_page(community, 400, stale=True)
        return queue_page(community, 400, reject_form=form, failed_id=entry.id)
    if not entry.is_open:
        flash(_("Another moderator already decided on that post."), "info")
    elif decision == "approve":
        holding.approve(entry, current_user, ip=client_ip())
        flash(_("Approved: everyone can read the post now."), "success")
    else:
        holding.reject(entry, current_user, form.reason.data, ip=client_ip())
        flash(_("The post stays hidden; its author was told why."), "info")
    db.session.commit()
    return redirect(url_for(".list_held_posts", slug=community.slug))
