"""Register, log in and out, confirm, reset, profile and settings."""

from flask import (
    Blueprint,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user

from community.auth import accounts, registration
from community.auth import session as session_service
from community.auth.forms import (
    CalendarFeedForm,
    ChangeEmailForm,
    ChangePasswordForm,
    LoginForm,
    NewPasswordForm,
    ProfileForm,
    RegisterForm,
    ResetRequestForm,
)
from community.auth.limits import login_key, login_limit
from community.auth.models import User, new_calendar_token
from community.auth.pending import begin_second_factor
from community.auth.tokens import TokenError, read_confirm_token, read_reset_token
from community.extensions import db, limiter
from community.forms import ButtonForm
from community.i18n import current_language
from community.redirects import safe_next
from community.zones import zone_for_browser

bp = Blueprint("auth", __name__, url_prefix="/auth")


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"])
@limiter.limit(login_limit, methods=["POST"], key_func=login_key)
def register():
    form = RegisterForm()
    guess = zone_for_browser(request.accept_languages) or "UTC"
    if not form.is_submitted():
        form.timezone.data = guess
        # With JavaScript on, the browser's own zone is a better guess still.
        form.timezone.render_kw = {**form.timezone.render_kw, "data-guess-zone": ""}
    if not form.validate_on_submit():
        form.keep_current_zone()
        return render_template(
            "auth/register.html", form=form
        ), 400 if form.is_submitted() else 200
    registration.start_registration(
        form.email.data,
        form.username.data,
        form.display_name.data,
        form.password.data,
        form.organisation.data or "",
        form.kind.data,
        language=current_language(),
        timezone=form.timezone.data or guess,
    )
    db.session.commit()
    # The same answer whether or not the address has an account.
    return redirect(url_for("auth.registration_sent"))


@bp.get("/register/sent")
def registration_sent():
    return render_template("auth/register_sent.html")


@bp.get("/register/finish/<token>")
def finish_registration(token: str):
    try:
        user = registration.finish_registration(token)
    except TokenError as error:
        db.session.commit()  # a used-up pending registration is forgotten
        return render_template("auth/token_error.html", message=str(error)), 400
    db.session.commit()
    start_session(user, remember=False)
    flash(_("Welcome! Your account is ready and your address confirmed."), "success")
    return redirect(url_for("main.home"))


def start_session(user: User, remember: bool) -> None:
    # A fresh session on log-in: nothing from before survives (no fixation).
    session.clear()
    # Staff get no lasting cookie: it would log them back in after the idle
    # time-out (auth/staff.py) once the browser had dropped the session cookie.
    login_user(user, remember=remember and not user.is_staff)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"])
@limiter.limit(login_limit, methods=["POST"], key_func=login_key)
def login():
    form = LoginForm()
    next_url = safe_next(request.values.get("next"))
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("auth/login.html", form=form, next_url=next_url), status
    user = accounts.authenticate(form.login.data, form.password.data)
    if user is None:
        form.password.errors.append(
            _("That e-mail/username and password do not match.")
        )
        return render_template("auth/login.html", form=form, next_url=next_url), 400
    if user.is_suspended:
        page = render_template("auth/suspended.html", user=user)
        return page, 403
    if user.has_two_factor:
        return begin_second_factor(user, form.remember.data, next_url)
    start_session(user, remember=form.remember.data)
    return redirect(next_url)


@bp.post("/logout")
def logout():
    form = ButtonForm()
    if form.validate_on_submit():
        if current_user.is_authenticated:
            # A copied session or remember cookie must not outlive the log-out.
            session_service.end_all_sessions(current_user)
            db.session.commit()
        session_service.end_this_session()
        flash(_("You are logged out."), "info")
        return redirect(url_for("main.home"))
    return render_template("auth/logout.html", form=form), 400


@bp.get("/logout")
def confirm_logout():
    return render_template("auth/logout.html", form=ButtonForm())


@bp.get("/confirm/<token>")
def confirm_email(token: str):
    try:
        user, email = read_confirm_token(token)
        accounts.confirm_email(user, email)
    except (TokenError, accounts.AccountError) as error:
        return render_template("auth/token_error.html", message=str(error)), 400
    db.session.commit()
    flash(_("Thank you: your e-mail address is confirmed."), "success")
    return redirect(url_for("main.home"))


@bp.post("/confirm/resend")
@login_required
def resend_confirmation():
    if not ButtonForm().validate_on_submit():
        return render_settings(status=400)
    if not current_user.can_receive_mail:  # unconfirmed, or mail to it bounced
        accounts.send_confirmation(current_user)
        flash(_("We sent a new confirmation link."), "info")
    # Back to the page that offered it (a thread, a community), or the settings.
    return redirect(safe_next(request.form.get("next"), url_for("auth.settings")))


@bp.route("/reset", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"])
@limiter.limit(login_limit, methods=["POST"], key_func=login_key)
def request_reset():
    form = ResetRequestForm()
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("auth/reset_request.html", form=form), status
    accounts.send_reset(form.email.data)
    # The same answer whether or not the address has an account.
    flash(_("If an account uses that address, we sent it a reset link."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    try:
        user = read_reset_token(token)
    except TokenError as error:
        return render_template("auth/token_error.html", message=str(error)), 400
    form = NewPasswordForm()
    form.user = user
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("auth/reset_password.html", form=form), status
    user.set_password(form.password.data)
    user.email_confirmed_at = (
        user.email_confirmed_at or accounts.utcnow()
    )  # the mail reached them
    db.session.commit()
    flash(_("Your password is changed. Log in with the new one."), "success")
    return redirect(url_for("auth.login"))


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings():
    form = ProfileForm(obj=current_user, bio=current_user.bio_source)
    if request.method == "GET":
        form.bio.data = current_user.bio_source
    if form.validate_on_submit():
        accounts.update_profile(current_user, form.data)
        db.session.commit()
        flash(_("Your profile is saved."), "success")
        return redirect(url_for("auth.settings"))
    return render_settings(
        profile_form=form, status=400 if form.is_submitted() else 200
    )


def render_settings(status: int = 200, **forms):
    forms.setdefault(
        "profile_form", ProfileForm(obj=current_user, bio=current_user.bio_source)
    )
    forms.setdefault("password_form", ChangePasswordForm())
    forms.setdefault("email_form", ChangeEmailForm())
    forms.setdefault("button_form", ButtonForm())
    forms.setdefault(
        "calendar_form", CalendarFeedForm(only_going=current_user.calendar_only_going)
    )
    forms["profile_form"].keep_current_zone()
    return render_template("auth/settings.html", **forms), status


@bp.post("/settings/password")
@login_required
def change_password():
    form = ChangePasswordForm()
    form.user = current_user
    if not form.validate_on_submit():
        return render_settings(password_form=form, status=400)
    current_user.set_password(form.password.data)
    db.session.commit()
    # Other sessions end with the old password; this one starts afresh. Pass the
    # real object: Flask-Login would store the proxy itself and recurse.
    start_session(current_user._get_current_object(), remember=False)
    flash(_("Your password is changed."), "success")
    return redirect(url_for("auth.settings"))


@bp.post("/settings/email")
@login_required
def change_email():
    form = ChangeEmailForm()
    form.user = current_user
    if not form.validate_on_submit():
        return render_settings(email_form=form, status=400)
    accounts.request_email_change(current_user, form.email.data)
    db.session.commit()
    flash(
        _("We sent a link to the new address. It takes effect once you open it."),
        "info",
    )
    return redirect(url_for("auth.settings"))


@bp.post("/settings/calendar-token")
@login_required
def rotate_calendar_token():
    if not ButtonForm().validate_on_submit():
        return render_settings(status=400)
    current_user.calendar_token = new_calendar_token()
    db.session.commit()
    flash(_("Your calendar address is new; the old one no longer works."), "success")
    return redirect(url_for("auth.settings", _anchor="calendar"))


@bp.post("/settings/calendar-feed")
@login_required
def change_calendar_feed():
    form = CalendarFeedForm()
    if not form.validate_on_submit():
        return render_settings(calendar_form=form, status=400)
    current_user.calendar_only_going = form.only_going.data
    db.session.commit()
    flash(_("Your calendar feed is saved."), "success")
    return redirect(url_for("auth.settings", _anchor="calendar"))


@bp.post("/settings/log-out-everywhere")
@login_required
def log_out_everywhere():
    if not ButtonForm().validate_on_submit():
        return render_settings(status=400)
    session_service.end_all_sessions(current_user)
    db.session.commit()
    session_service.end_this_session()
    flash(_("You are logged out on every device, this one included."), "info")
    return redirect(url_for("auth.login"))
