"""Deleting a post: a confirmation page first (the thread's Delete link opens it,
no JavaScript needed), then "Post deleted — Undo" for a short while."""

from flask import redirect, render_template, url_for
from flask_login import current_user, login_required

from community.discussions import publishing
from community.discussions.permissions import (
    can_delete_post,
    can_undo_delete,
    get_post_or_404,
)
from community.discussions.undoing import forget_undo, took_answer
from community.discussions.views import bp
from community.extensions import db
from community.forms import ButtonForm, client_ip, require, require_button


@bp.get("/p/<int:post_id>/delete")
@login_required
def confirm_delete_post(post_id: int):
    post = get_post_or_404(post_id, current_user)
    require(can_delete_post(current_user, post))
    form = ButtonForm()
    return render_template("discussions/delete_post.html", post=post, form=form)


@bp.post("/p/<int:post_id>/undelete")
@login_required
def undo_delete_post(post_id: int):
    post = get_post_or_404(post_id, current_user)
    if not post.is_deleted:  # undone already (a second click, another tab)
        forget_undo()
        return redirect(url_for(".show_post", post_id=post.id))
    require(can_undo_delete(current_user, post))
    require_button()
    publishing.undo_delete(
        post, current_user, ip=client_ip(), was_answer=took_answer(post)
    )
    db.session.commit()
    forget_undo()
    return redirect(url_for(".show_post", post_id=post.id))
