"""/join-the-effort: the application form, the visitor's confirmation link,
applicants' own pages, and the staff review queue."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from community.auth.tokens import TokenError
from community.extensions import db, limiter
from community.forms import require
from community.organisations import applications
from community.organisations.application_models import (
    APPLICATION_STATUSES,
    JoinApplication,
)
from community.organisations.forms import AnswerForm, JoinForm, ReviewForm
from community.organisations.joining import answers_from, prepare_join_form
from community.organisations.permissions import (
    can_answer_application,
    can_review_applications,
    get_application_or_404,
)
from community.organisations.views import bp
from community.pagination import paginate


def join_limit() -> str:
    return current_app.config["JOIN_RATE_LIMIT"]


@bp.route("/join-the-effort", methods=["GET", "POST"])
@limiter.limit(join_limit, methods=["POST"])
def join_the_effort():
    form = prepare_join_form(JoinForm(), current_user)
    if form.validate_on_submit():
        answers = answers_from(form)
        if answers is not None:
            return _send(answers, form)
    status = 400 if request.method == "POST" else 200
    return render_template("organisations/join.html", form=form), status


def _send(answers, form):
    """Members with a confirmed address apply at once; anyone else (visitors, and
    accounts whose address is not confirmed yet) first proves the address."""
    member = current_user.is_authenticated
    if member and current_user.is_confirmed:
        application = applications.submit(answers, current_user.email, current_user)
        db.session.commit()
        return redirect(url_for(".show_application", application_id=application.id))
    email = current_user.email if member else form.email.data.lower()
    applications.mail_confirmation(answers, email)
    db.session.commit()  # sends the mail; no row was written
    return redirect(url_for(".application_sent"))


@bp.get("/join-the-effort/sent")
def application_sent():
    return render_template("organisations/join_sent.html")


@bp.get("/join-the-effort/confirm/<token>")
def confirm_application(token: str):
    try:
        application = applications.confirm_visitor(token)
    except TokenError as error:
        return render_template("auth/token_error.html", message=str(error)), 400
    db.session.commit()
    flash(_("Thank you: your application was sent. Staff will review it."), "success")
    return redirect(applications.access_url(application))


@bp.route("/join-the-effort/a/<token>", methods=["GET", "POST"])
def visitor_application(token: str):
    try:
        application = applications.read_access_token(token)
    except TokenError as error:
        return render_template("auth/token_error.html", message=str(error)), 404
    return _application_page(application, application.status == "needs_info")


@bp.route("/join-the-effort/applications/<int:application_id>", methods=["GET", "POST"])
@login_required
def show_application(application_id: int):
    application = get_application_or_404(application_id, current_user)
    if request.method == "POST":
        require(can_answer_application(current_user, application))
    return _application_page(
        application, can_answer_application(current_user, application)
    )


def _application_page(application: JoinApplication, may_answer: bool):
    """The application with its conversation; a POST is the applicant's answer."""
    form = AnswerForm()
    if request.method == "POST":
        require(may_answer)
        if _take_answer(application, form):
            flash(_("Your answer was sent."), "success")
            return redirect(request.path)
    review = ReviewForm() if can_review_applications(current_user) else None
    page = _render_application(application, form if may_answer else None, review)
    return page, 400 if request.method == "POST" else 200


def _take_answer(application: JoinApplication, form: AnswerForm) -> bool:
    if not form.validate_on_submit():
        return False
    try:
        applications.answer(application, current_user, form.body.data)
    except applications.ApplicationRefused as error:
        form.body.errors.append(str(error))
        return False
    db.session.commit()
    return True


@bp.get("/join-the-effort/applications")
@login_required
def my_applications():
    query = (
        select(JoinApplication)
        .where(JoinApplication.applicant_id == current_user.id)
        .order_by(JoinApplication.created_at.desc())
    )
    return render_template("organisations/mine.html", page=paginate(query))


@bp.get("/join-the-effort/review")
@login_required
def review_queue():
    require(can_review_applications(current_user))
    status = request.args.get("status", "new")
    status = status if status in APPLICATION_STATUSES else "new"
    query = (
        select(JoinApplication)
        .where(JoinApplication.status == status)
        .order_by(JoinApplication.updated_at)
    )
    return render_template(
        "organisations/review.html",
        page=paginate(query),
        status=status,
        statuses=APPLICATION_STATUSES,
    )


@bp.post("/join-the-effort/applications/<int:application_id>/decide")
@login_required
def decide_application(application_id: int):
    require(can_review_applications(current_user))
    application = get_application_or_404(application_id, current_user)
    form = ReviewForm()
    if _take_decision(application, form):
        flash(_("Saved: %(status)s.", status=application.status_label), "success")
        return redirect(url_for(".review_queue"))
    return _render_application(application, None, form), 400


def _take_decision(application: JoinApplication, form: ReviewForm) -> bool:
    if not form.validate_on_submit():
        return False
    try:
        applications.decide(
            current_user, application, form.decision.data, form.message.data or ""
        )
    except applications.ApplicationRefused as error:
        form.message.errors.append(str(error))
        return False
    db.session.commit()
    return True


def _render_application(application, answer_form, review_form) -> str:
    return render_template(
        "organisations/application.html",
        application=application,
        answer_form=answer_form,
        review_form=review_form,
    )
