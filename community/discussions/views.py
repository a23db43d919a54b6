"""Threads and posts: start, read, reply, edit, delete, vote, accept, watch."""

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from community.communities.permissions import can_post, cannot_post_reason
from community.discussions import posting, publishing, voting
from community.discussions.forms import (
    EditPostForm,
    EditThreadForm,
    ReplyForm,
    ThreadForm,
)
from community.discussions.history import post_history
from community.discussions.page import (
    post_in_thread_url,
    posting_too_fast,
    preview_of,
    rate_limited,
    render_thread,
    thread_url,
    wants_preview,
)
from community.discussions.permissions import (
    can_accept,
    can_delete_post,
    can_edit_post,
    can_edit_thread,
    can_start_thread,
    can_vote,
    can_watch_thread,
    get_post_or_404,
    get_post_with_history_or_404,
    get_readable_community_or_404,
    get_thread_or_404,
)
from community.discussions.undoing import offer_undo
from community.dpgs import linking
from community.dpgs.linking import split_names
from community.extensions import db
from community.forms import (
    client_ip,
    require,
    require_button,
    shown_form,
    stale_form,
)
from community.notifications import subscriptions
from community.notifications.forms import WatchForm
from community.notifications.subscriptions import THREAD
from community.pagecache.pages import visitor_cached
from community.pagecache.scopes import thread_community

bp = Blueprint("discussions", __name__)
bp.register_error_handler(429, posting_too_fast)


def saved_with_dpgs(thread, names: str):
    """Link the DPGs the form names, commit, and go to the thread."""
    unknown = linking.set_dpgs(thread, "thread", split_names(names), current_user)
    db.session.commit()
    if unknown:
        flash(linking.unknown_message(unknown), "info")
    return redirect(thread_url(thread))


@bp.route("/c/<slug>/new", methods=["GET", "POST"])
@login_required
@rate_limited
def new_thread(slug: str):
    community = get_readable_community_or_404(slug, current_user)
    require(
        can_start_thread(current_user, community),
        cannot_post_reason(current_user, community),
    )
    form = ThreadForm()
    if request.method == "GET":  # "Discuss this lesson" links prefill the title
        form.title.data = request.args.get("title", "")[:150]
        form.dpgs.data = linking.prefill(request.args.get("dpg", ""))
    if not form.validate_on_submit() or wants_preview():
        preview = preview_of(form)
        page = render_template(
            "discussions/new_thread.html",
            community=community,
            form=form,
            preview=preview,
            dpg_names=linking.catalogue_names(),
        )
        return page, 400 if form.errors else 200
    try:  # text that cannot be rendered, or too many mentions or links
        key = form.idempotency_key.data or None
        thread = publishing.publish_thread_form(community, current_user, form, key)
    except posting.PostingRefused as refused:
        db.session.rollback()
        form.body.errors.append(str(refused))
        page = render_template(
            "discussions/new_thread.html",
            community=community,
            form=form,
            dpg_names=linking.catalogue_names(),
        )
        return page, 400
    return saved_with_dpgs(thread, form.dpgs.data)


@bp.get("/t/<int:thread_id>")
@bp.get("/t/<int:thread_id>/<slug>")
@visitor_cached(scope=thread_community)
def show_thread(thread_id: int, slug: str | None = None):
    thread = get_thread_or_404(thread_id, current_user)
    return render_thread(thread, shown_form(ReplyForm), mark=True)


@bp.post("/t/<int:thread_id>/reply")
@login_required
@rate_limited
def reply(thread_id: int):
    thread = get_thread_or_404(thread_id, current_user)
    require(
        can_post(current_user, thread.community),
        cannot_post_reason(current_user, thread.community),
    )
    form = ReplyForm()
    if not form.validate_on_submit():
        return render_thread(thread, form, status=400)
    if wants_preview():
        preview = preview_of(form)
        return render_thread(thread, form, 400 if form.errors else 200, preview=preview)
    try:  # a locked thread, a removed parent, too many mentions: said by the text
        post = publishing.publish_reply(
            thread,
            current_user,
            form.body.data,
            form.parent_id.data,
            form.idempotency_key.data or None,
            form.language.data or "",
        )
    except posting.PostingRefused as refused:
        db.session.rollback()
        form.body.errors.append(str(refused))
        return render_thread(thread, form, status=400)
    db.session.commit()
    return redirect(post_in_thread_url(post))  # once: straight to the post


@bp.get("/p/<int:post_id>")
def show_post(post_id: int):
    return redirect(post_in_thread_url(get_post_or_404(post_id, current_user)))


@bp.route("/p/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
def edit_post(post_id: int):
    post = get_post_or_404(post_id, current_user)
    require(can_edit_post(current_user, post))
    form = EditPostForm(data={"body": post.body_source, "version": post.version})
    if not form.validate_on_submit() or wants_preview():
        preview = preview_of(form)
        return edit_page(post, form, 400 if form.errors else 200, preview)
    try:
        publishing.publish_edit(
            post, current_user, form.body.data, form.version.data, ip=client_ip()
        )
    except posting.EditConflict as conflict:
        db.session.rollback()
        form.body.errors.append(str(conflict))
        form.version.raw_data, form.version.data = None, post.version  # rebase
        return edit_page(post, form, 409, theirs=conflict.current_source)
    except posting.PostingRefused as refused:
        db.session.rollback()
        form.body.errors.append(str(refused))
        return edit_page(post, form, 400)
    db.session.commit()
    return redirect(url_for(".show_post", post_id=post.id))


def edit_page(post, form, status: int, preview=None, theirs: str | None = None):
    page = render_template(
        "discussions/edit_post.html",
        post=post,
        form=form,
        preview=preview,
        theirs=theirs,
    )
    return page, status


@bp.get("/p/<int:post_id>/history")
def show_post_history(post_id: int):
    post = get_post_with_history_or_404(post_id, current_user)
    history = post_history(post)
    return render_template("discussions/history.html", post=post, history=history)


@bp.get("/p/<int:post_id>/revisions")
def post_revisions(post_id: int):
    """The older address of the history: checked first, so it leaks nothing."""
    get_post_with_history_or_404(post_id, current_user)
    return redirect(url_for(".show_post_history", post_id=post_id), 301)


@bp.post("/p/<int:post_id>/delete")
@login_required
def delete_post(post_id: int):
    post = get_post_or_404(post_id, current_user)
    require(can_delete_post(current_user, post))
    require_button()
    was_answer = publishing.remove_post(post, current_user, ip=client_ip())
    db.session.commit()
    offer_undo(post, was_answer)
    return redirect(url_for(".show_post", post_id=post.id))


@bp.post("/p/<int:post_id>/vote")
@login_required
def vote(post_id: int):
    post = get_post_or_404(post_id, current_user)
    require_button()
    undo = request.form.get("undo") == "1"
    if not undo:
        require(can_vote(current_user, post))
    try:
        (voting.unvote if undo else voting.vote)(current_user, post)
    except voting.VoteRefused as refused:
        abort(400, str(refused))
    db.session.commit()
    return redirect(url_for(".show_post", post_id=post.id))


@bp.post("/p/<int:post_id>/accept")
@login_required
def accept(post_id: int):
    post = get_post_or_404(post_id, current_user)
    require(can_accept(current_user, post.thread))
    require_button()
    try:
        undo = request.form.get("undo") == "1"
        publishing.accept(post.thread, post, current_user, undo=undo, ip=client_ip())
    except posting.PostingRefused as refused:
        abort(400, str(refused))
    db.session.commit()
    return redirect(url_for(".show_post", post_id=post.id))


@bp.route("/t/<int:thread_id>/edit", methods=["GET", "POST"])
@login_required
def edit_thread(thread_id: int):
    thread = get_thread_or_404(thread_id, current_user)
    require(can_edit_thread(current_user, thread))
    tags = " ".join(tag.name for tag in thread.tags)
    dpgs = ", ".join(dpg.name for dpg in thread.dpgs)
    form = EditThreadForm(data={"title": thread.title, "tags": tags, "dpgs": dpgs})
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template(
            "discussions/edit_thread.html",
            thread=thread,
            form=form,
            dpg_names=linking.catalogue_names(),
        ), status
    names = posting.tag_names(form.tags.data or "")
    publishing.retitle(thread, current_user, form.title.data, names, ip=client_ip())
    return saved_with_dpgs(thread, form.dpgs.data)


@bp.post("/t/<int:thread_id>/watch")
@login_required
def watch_thread(thread_id: int, choice: str | None = None):
    thread = get_thread_or_404(thread_id, current_user)
    require(can_watch_thread(current_user, thread))
    choice = WatchForm().chosen(choice)
    if choice is None:
        stale_form()
    subscriptions.choose(current_user, THREAD, thread.id, choice)
    db.session.commit()
    return redirect(thread_url(thread))


# The older URL of the same control keeps answering.
bp.add_url_rule(
    "/t/<int:thread_id>/watch/<choice>",
    "watch_thread",
    watch_thread,
    methods=["POST"],
)
