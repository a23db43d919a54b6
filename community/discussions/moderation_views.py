"""Moderator pages: pin, lock, hide, restore, flag and the flag queue."""

from flask import abort, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.communities.permissions import (
    can_moderate,
    can_see_content,
    get_community_or_404,
)
from community.discussions import moderation
from community.discussions.forms import FlagForm, ReasonForm
from community.discussions.page import thread_url
from community.discussions.permissions import (
    can_flag,
    can_moderate_thread,
    can_suspend_accounts,
    get_post_or_404,
    get_thread_or_404,
)
from community.discussions.posting import PostingRefused
from community.discussions.views import bp
from community.extensions import db
from community.forms import (
    STALE_FORM,
    client_ip,
    require,
    require_button,
)

TOGGLES = {
    "pin": (moderation.set_pinned, True),
    "unpin": (moderation.set_pinned, False),
    "lock": (moderation.set_locked, True),
    "unlock": (moderation.set_locked, False),
}


@bp.post("/t/<int:thread_id>/<any(pin, unpin, lock, unlock):action>")
@login_required
def toggle_thread(thread_id: int, action: str):
    thread = get_thread_or_404(thread_id, current_user)
    require(can_moderate_thread(current_user, thread))
    require_button()
    change, value = TOGGLES[action]
    change(thread, current_user, value, ip=client_ip())
    db.session.commit()
    return redirect(thread_url(thread))


@bp.route("/p/<int:post_id>/hide", methods=["GET", "POST"])
@login_required
def hide_post(post_id: int):
    post = get_post_or_404(post_id, current_user)
    require(can_moderate_thread(current_user, post.thread))
    form = ReasonForm()
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("discussions/hide.html", post=post, form=form), status
    moderation.hide_post(post, current_user, form.reason.data, ip=client_ip())
    db.session.commit()
    return redirect(url_for(".show_post", post_id=post.id))


@bp.post("/p/<int:post_id>/restore")
@login_required
def restore_post(post_id: int):
    post = get_post_or_404(post_id, current_user)
    require(can_moderate_thread(current_user, post.thread))
    require_button()
    moderation.restore_post(post, current_user, ip=client_ip())
    db.session.commit()
    return redirect(url_for(".show_post", post_id=post.id))


@bp.route("/p/<int:post_id>/flag", methods=["GET", "POST"])
@login_required
def flag_post(post_id: int):
    post = get_post_or_404(post_id, current_user)
    require(can_flag(current_user, post))
    form = FlagForm()
    if moderation.already_flagged(post, current_user):
        form.reason.errors = [moderation.ALREADY_FLAGGED]
        status = 400 if form.is_submitted() else 200
        return render_template("discussions/flag.html", post=post, form=form), status
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("discussions/flag.html", post=post, form=form), status
    try:
        moderation.flag_post(post, current_user, form.reason.data, form.text.data or "")
    except PostingRefused as refused:
        form.reason.errors = [str(refused)]
        return render_template("discussions/flag.html", post=post, form=form), 400
    db.session.commit()
    return redirect(url_for(".show_post", post_id=post.id))


@bp.get("/c/<slug>/flags")
@login_required
def list_flags(slug: str):
    community = get_community_or_404(slug)
    require(can_moderate(current_user, community))
    flags = moderation.open_flags(community)
    by_post: dict[int, list] = {}
    for flag in flags:
        by_post.setdefault(flag.post_id, []).append(flag)
    return render_template(
        "discussions/flags.html",
        community=community,
        by_post=by_post,
        readable=can_see_content(current_user, community),
    )


DECISIONS = {
    "hide": moderation.hide_flagged,
    "ban": moderation.ban_author,
    "suspend": moderation.suspend_author,
}


@bp.post("/p/<int:post_id>/flags/<any(dismiss, hide, ban, suspend):decision>")
@login_required
def decide_flags(post_id: int, decision: str):
    post = get_post_or_404(post_id, current_user)
    community = post.thread.community
    require(can_moderate(current_user, community))
    if decision == "suspend":
        require(can_suspend_accounts(current_user))
    ip = client_ip()
    if decision == "dismiss":
        require_button()
        moderation.dismiss_flags(post, current_user, ip=ip)
    else:
        form = ReasonForm()
        if not form.validate_on_submit():
            abort(
                400, _("Give a reason: it is shown to the author.") + " " + STALE_FORM
            )
        try:
            DECISIONS[decision](post, current_user, form.reason.data, ip=ip)
        except PostingRefused as refused:
            abort(400, str(refused))
    db.session.commit()
    return redirect(url_for(".list_flags", slug=community.slug))


@bp.get("/moderation/log")
def moderation_log():
    """The old address of the audit log, kept for bookmarks."""
    return redirect(url_for("admin.list_audit_entries"), 301)
