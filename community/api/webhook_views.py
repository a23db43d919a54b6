"""A community's webhooks page, for its moderators: register, delete, the log."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.api import webhooks
from community.api.forms import WebhookForm
from community.api.models import Webhook
from community.api.permissions import can_manage_webhooks
from community.api.targets import TargetRefused
from community.api.views import bp
from community.communities.permissions import get_community_or_404
from community.extensions import db
from community.forms import ButtonForm, require, require_button


def managed_community(slug: str):
    community = get_community_or_404(slug)
    require(can_manage_webhooks(current_user, community))
    return community


def hooks_page(community, form, status: int = 200, secret: str | None = None):
    hooks = webhooks.hooks_of(community)
    page = render_template(
        "api/webhooks.html",
        community=community,
        form=form,
        hooks=[(hook, webhooks.recent_deliveries(hook)) for hook in hooks],
        secret=secret,
        button_form=ButtonForm(),
    )
    return page, status


@bp.get("/c/<slug>/webhooks")
@login_required
def list_webhooks(slug: str):
    return hooks_page(managed_community(slug), WebhookForm(formdata=None))


@bp.post("/c/<slug>/webhooks")
@login_required
def create_webhook(slug: str):
    community = managed_community(slug)
    form = WebhookForm()
    if not form.validate_on_submit():
        return hooks_page(community, form, 400)
    try:
        hook = webhooks.register(
            current_user, community, form.url.data, form.events.data
        )
    except TargetRefused as refused:
        form.url.errors.append(str(refused))
        return hooks_page(community, form, 400)
    db.session.commit()
    return hooks_page(community, WebhookForm(formdata=None), 201, secret=hook.secret)


@bp.post("/c/<slug>/webhooks/<int:hook_id>/delete")
@login_required
def delete_webhook(slug: str, hook_id: int):
    community = managed_community(slug)
    require_button()
    hook = db.session.get(Webhook, hook_id)
    if hook is None or hook.community_id != community.id:
        abort(404)
    db.session.delete(hook)
    db.session.commit()
    flash(_("The webhook is deleted: nothing more is sent to it."), "success")
    return redirect(url_for("api.list_webhooks", slug=community.slug))
