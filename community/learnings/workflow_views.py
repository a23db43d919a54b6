"""Writing and reviewing lessons: new, edit, submit, publish, send back, archive."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.dpgs import linking
from community.extensions import db, limiter
from community.forms import (
    STALE_FORM,
    posting_limit,
    require,
    require_button,
)
from community.learnings import authoring, review
from community.learnings.forms import (
    DecisionForm,
    LessonForm,
    SendBackForm,
    form_data_of,
)
from community.learnings.models import Lesson
from community.learnings.permissions import (
    can_draft_lesson,
    can_edit_lesson,
    get_lesson_or_404,
    is_editor,
    is_lesson_author,
)
from community.learnings.presenting import review_comments
from community.learnings.views import bp, lesson_page


def form_page(form: LessonForm, lesson: Lesson | None = None, status: int = 200):
    page = render_template(
        "learnings/form.html",
        form=form,
        lesson=lesson,
        suggestions=linking.catalogue_names(),
        comments=review_comments(current_user, lesson) if lesson else [],
    )
    return page, status


@bp.route("/new", methods=["GET", "POST"])
@limiter.limit(posting_limit, methods=["POST"])
@login_required
def new_lesson():
    require(
        can_draft_lesson(current_user),
        _("Confirm your e-mail address before you write a lesson."),
    )
    form = LessonForm(current_user)
    if not form.is_submitted():  # "Write a lesson" on a DPG's page names it
        form.dpgs.data = linking.prefill(request.args.get("dpg", ""))
    if not form.validate_on_submit():
        return form_page(form, status=400 if form.is_submitted() else 200)
    fields = form.to_fields()
    lesson = authoring.create_lesson(current_user, fields)
    db.session.commit()
    flash(_("Your draft is saved. Submit it for review when it is ready."), "success")
    if fields.unknown_dpgs:
        flash(linking.unknown_message(fields.unknown_dpgs), "info")
    return redirect(url_for(".show_draft", slug=lesson.slug))


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit_lesson(slug: str):
    lesson = get_lesson_or_404(slug, current_user)
    require(
        can_edit_lesson(current_user, lesson),
        _("Only the author can edit a draft, and only before it is submitted."),
    )
    data = form_data_of(lesson.working_version)
    form = LessonForm(current_user, data=data)
    if not form.validate_on_submit():
        return form_page(form, lesson, status=400 if form.is_submitted() else 200)
    fields = form.to_fields()
    try:
        authoring.update_draft(current_user, lesson, fields)
    except authoring.AuthoringError as error:
        form.title.errors = [*form.title.errors, str(error)]
        return form_page(form, lesson, status=409)
    db.session.commit()
    flash(_("Your draft is saved."), "success")
    if fields.unknown_dpgs:
        flash(linking.unknown_message(fields.unknown_dpgs), "info")
    return redirect(url_for(".show_draft", slug=lesson.slug))


@bp.post("/<slug>/submit")
@login_required
def submit_lesson(slug: str):
    lesson = get_lesson_or_404(slug, current_user)
    require_button()
    require(
        is_lesson_author(current_user, lesson),
        _("Only the lesson's author can submit this draft."),
    )
    try:
        review.submit(current_user, lesson)
    except review.ReviewError as error:
        abort(409, str(error))
    db.session.commit()
    flash(_("Submitted: an editor will review your lesson."), "success")
    return redirect(url_for(".show_draft", slug=lesson.slug))


def _decision_failed(lesson: Lesson, error: review.ReviewError, **forms):
    status = 409 if isinstance(error, review.ReviewConflict) else 403
    db.session.rollback()
    version = lesson.working_version or lesson.published_version
    draft = version is lesson.working_version
    return lesson_page(lesson, version, draft, status=status, error=str(error), **forms)


@bp.post("/<slug>/publish")
@login_required
def publish_lesson(slug: str):
    lesson = get_lesson_or_404(slug, current_user)
    form = DecisionForm()
    if not form.validate_on_submit():
        abort(400, STALE_FORM)
    require(is_editor(current_user), _("Only editors publish lessons."))
    try:
        review.publish(
            current_user,
            lesson,
            _version_id(form.version_id.data),
            form.content_digest.data or "",
        )
    except review.ReviewError as error:
        return _decision_failed(lesson, error, decision_form=form)
    db.session.commit()
    flash(_("Published. The author and the community's watchers are told."), "success")
    return redirect(url_for(".show_lesson", slug=lesson.slug))


@bp.post("/<slug>/send-back")
@login_required
def send_back_lesson(slug: str):
    lesson = get_lesson_or_404(slug, current_user)
    require(is_editor(current_user), _("Only editors review lessons."))
    form = SendBackForm()
    if not form.validate_on_submit():
        version = lesson.working_version or lesson.published_version
        return lesson_page(lesson, version, draft=True, status=400, send_back_form=form)
    try:
        review.send_back(
            current_user, lesson, _version_id(form.version_id.data), form.comment.data
        )
    except review.ReviewError as error:
        return _decision_failed(lesson, error, send_back_form=form)
    db.session.commit()
    flash(_("Sent back to the author with your comments."), "success")
    return redirect(url_for(".review_queue"))


@bp.post("/<slug>/archive")
@login_required
def archive_lesson(slug: str):
    lesson = lesson_button_action(slug, review.archive)
    flash(_("Archived: the lesson stays readable but leaves the listing."), "success")
    return redirect(url_for(".show_lesson", slug=lesson.slug))


@bp.post("/<slug>/revise")
@login_required
def revise_lesson(slug: str):
    lesson = lesson_button_action(slug, review.propose_revision)
    flash(_("A new version is started. Readers keep seeing the published one."), "info")
    return redirect(url_for(".edit_lesson", slug=lesson.slug))


def lesson_button_action(slug: str, action):
    """A one-click workflow step: 409 when raced, 403 when not allowed; commits."""
    lesson = get_lesson_or_404(slug, current_user)
    require_button()
    try:
        action(current_user, lesson)
    except review.ReviewConflict as error:
        abort(409, str(error))
    except review.ReviewError as error:
        abort(403, str(error))
    db.session.commit()
    return lesson


def _version_id(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() and len(raw) < 12 else None
