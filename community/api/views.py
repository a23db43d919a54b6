"""HTML pages of the API: its reference (from the OpenAPI description) and the
personal access tokens in settings. The JSON resources are in the other modules."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.api import reference, tokens
from community.api.forms import TokenForm
from community.extensions import db
from community.forms import ButtonForm, require_button

bp = Blueprint("api", __name__)
BEARER_HEADER = "Authorization: Bearer <token>"  # protocol text, not translated


@bp.get("/api/v1/")
def show_reference():
    return render_template("api/reference.html", **reference.reference_context())


@bp.get("/auth/settings/tokens")
@login_required
def list_tokens():
    return tokens_page(TokenForm(formdata=None))


def tokens_page(form: TokenForm, status: int = 200, created: str | None = None):
    page = render_template(
        "api/tokens.html",
        form=form,
        tokens=tokens.tokens_of(current_user),
        may_create=tokens.can_create_token(current_user),
        created=created,
        button_form=ButtonForm(),
        bearer_header=BEARER_HEADER,
    )
    return page, status


@bp.post("/auth/settings/tokens")
@login_required
def create_token():
    form = TokenForm()
    if not form.validate_on_submit():
        return tokens_page(form, 400)
    try:
        _token, raw = tokens.create_token(
            current_user, form.name.data, form.scopes.data
        )
    except tokens.TokenRefused as refused:
        form.name.errors.append(str(refused))
        return tokens_page(form, 403)
    db.session.commit()
    # Shown on this response only: it is never stored and never shown again.
    return tokens_page(TokenForm(formdata=None), 201, created=raw)


@bp.post("/auth/settings/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    require_button()
    if not tokens.revoke(current_user, token_id):
        abort(404)
    db.session.commit()
    flash(_("The token is revoked: it stops working at once."), "success")
    return redirect(url_for(".list_tokens"))
