"""Second log-in step and two-factor settings (routes on the auth blueprint)."""

from flask import abort, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.auth import two_factor
from community.auth.forms import TwoFactorCodeForm, TwoFactorDisableForm
from community.auth.limits import login_limit, two_factor_key
from community.auth.pending import pending_user
from community.auth.views import bp, start_session
from community.extensions import db, limiter
from community.redirects import safe_next


@bp.route("/two-factor", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"])
@limiter.limit(login_limit, methods=["POST"], key_func=two_factor_key)
def second_factor():
    user, pending = pending_user()
    if user is None or not user.has_two_factor or user.is_suspended:
        flash(_("Please log in again."), "info")
        return redirect(url_for("auth.login"))
    form = TwoFactorCodeForm()
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template("auth/two_factor.html", form=form), status
    if not two_factor.verify(user, form.code.data):
        form.code.errors.append(
            _("That code is not right. Check your app's clock and try again.")
        )
        return render_template("auth/two_factor.html", form=form), 400
    db.session.commit()
    start_session(user, remember=pending["remember"])
    return redirect(safe_next(pending.get("next")))


@bp.route("/settings/two-factor", methods=["GET", "POST"])
@login_required
def setup_two_factor():
    if current_user.has_two_factor:
        return render_template("auth/two_factor_on.html", form=TwoFactorDisableForm())
    secret = session.setdefault("new_totp_secret", two_factor.new_secret())
    form = TwoFactorCodeForm()
    uri = two_factor.provisioning_uri(current_user, secret)
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        page = render_template(
            "auth/two_factor_setup.html", form=form, secret=secret, uri=uri
        )
        return page, status
    codes = two_factor.enable(current_user, secret, form.code.data)
    if codes is None:
        form.code.errors.append(
            _("That code is not right. Enter the 6 digits your app shows now.")
        )
        page = render_template(
            "auth/two_factor_setup.html", form=form, secret=secret, uri=uri
        )
        return page, 400
    db.session.commit()
    session.pop("new_totp_secret", None)
    return render_template("auth/two_factor_codes.html", codes=codes)


@bp.post("/settings/two-factor/disable")
@login_required
def disable_two_factor():
    form = TwoFactorDisableForm()
    form.user = current_user
    if not current_user.has_two_factor:
        abort(400, _("Two-factor authentication is not on."))
    if not form.validate_on_submit():
        return render_template("auth/two_factor_on.html", form=form), 400
    if not two_factor.verify(current_user, form.code.data):
        form.code.errors.append(_("That code is not right."))
        return render_template("auth/two_factor_on.html", form=form), 400
    two_factor.disable(current_user)
    db.session.commit()
    flash(_("Two-factor authentication is off."), "info")
    return redirect(url_for("auth.settings"))
