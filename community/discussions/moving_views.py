"""Moderator tools for whole threads: move, merge, split (each a page that
works without JavaScript; merging asks to confirm on a second page)."""

from flask import flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.discussions import merging, moving
from community.discussions.models import Thread
from community.discussions.moderation_forms import MergeForm, MoveForm, SplitForm
from community.discussions.page import thread_url
from community.discussions.permissions import (
    can_merge_threads,
    can_move_thread,
    can_see_thread,
    can_split_thread,
    get_thread_or_404,
)
from community.discussions.posting import PostingRefused
from community.discussions.views import bp
from community.extensions import db
from community.forms import client_ip, require


def tool_page(template: str, thread: Thread, form, **values):
    status = 400 if form.is_submitted() else 200
    page = render_template(template, thread=thread, form=form, **values)
    return page, status


@bp.route("/t/<int:thread_id>/move", methods=["GET", "POST"])
@login_required
def move_thread(thread_id: int):
    thread = get_thread_or_404(thread_id, current_user)
    require(can_move_thread(current_user, thread))
    targets = moving.move_targets(current_user, thread)
    form = MoveForm()
    form.community.choices = [(community.id, community.name) for community in targets]
    if not form.validate_on_submit():
        return tool_page("discussions/move_thread.html", thread, form)
    target = next(c for c in targets if c.id == form.community.data)
    moving.move_thread(thread, target, current_user, ip=client_ip())
    db.session.commit()
    flash(_("Thread moved to %(name)s.", name=target.name), "success")
    return redirect(thread_url(thread))


def merge_target(form: MergeForm, thread: Thread) -> Thread | None:
    """The thread the form names, when this person may merge into it (else the
    reason goes on the field, the text kept)."""
    target = db.session.get(Thread, form.thread_id)
    if target is None or not can_see_thread(current_user, target):
        form.target.errors.append(_("There is no thread with that number."))
    elif not can_merge_threads(current_user, thread, target):
        form.target.errors.append(
            _("You cannot merge into that thread: choose another one you moderate.")
        )
    else:
        return target
    return None


@bp.route("/t/<int:thread_id>/merge", methods=["GET", "POST"])
@login_required
def merge_thread(thread_id: int):
    thread = get_thread_or_404(thread_id, current_user)
    require(can_merge_threads(current_user, thread))
    form = MergeForm()
    target = merge_target(form, thread) if form.validate_on_submit() else None
    if target is None:
        return tool_page("discussions/merge_thread.html", thread, form)
    if request.form.get("confirm") != "1":
        return render_template(
            "discussions/merge_thread.html", thread=thread, form=form, target=target
        )
    merging.merge_threads(thread, target, current_user, ip=client_ip())
    db.session.commit()
    flash(_("Threads merged: the replies are now here."), "success")
    return redirect(thread_url(target))


@bp.route("/t/<int:thread_id>/split", methods=["GET", "POST"])
@login_required
def split_thread(thread_id: int):
    thread = get_thread_or_404(thread_id, current_user)
    require(can_split_thread(current_user, thread))
    replies = merging.replies_of(thread)
    form = SplitForm()
    form.posts.choices = [(post.id, post.author_name) for post in replies]
    if not form.validate_on_submit():
        return tool_page("discussions/split_thread.html", thread, form, replies=replies)
    try:
        new = merging.split_thread(
            thread, form.posts.data, form.title.data, current_user, ip=client_ip()
        )
    except PostingRefused as refused:
        db.session.rollback()
        form.posts.errors.append(str(refused))
        return tool_page("discussions/split_thread.html", thread, form, replies=replies)
    db.session.commit()
    flash(_("Replies moved to a new thread."), "success")
    return redirect(thread_url(new))
