"""Site admins' pages: create, edit, archive and unarchive a community."""

from flask import abort, flash, redirect, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from community.communities import admin
from community.communities.admin import CommunityRefused
from community.communities.forms import CommunityForm, NewCommunityForm
from community.communities.models import Community
from community.communities.permissions import can_edit_community, get_community_or_404
from community.communities.views import bp, community_url
from community.extensions import db
from community.forms import (
    client_ip,
    require,
    require_button,
)


def require_admin() -> None:
    require(
        can_edit_community(current_user),
        _("Only site admins can create, edit or archive communities."),
    )


def form_page(form, community: Community | None = None, status: int = 200):
    page = render_template("communities/form.html", form=form, community=community)
    return page, status


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new_community():
    require_admin()
    form = NewCommunityForm()
    if not form.validate_on_submit():
        return form_page(form, status=400 if form.is_submitted() else 200)
    moderator = getattr(form, "moderator_user", None)
    try:
        community = admin.create_community(
            current_user, form.slug.data, form.values(), moderator, client_ip()
        )
        db.session.commit()
    except (CommunityRefused, IntegrityError) as refusal:
        db.session.rollback()  # IntegrityError: the same slug saved meanwhile
        form.slug.errors.append(slug_message(refusal, form.slug.data))
        return form_page(form, status=400)
    flash(_("%(name)s was created.", name=community.name), "success")
    return redirect(community_url(community))


def slug_message(error: Exception, slug: str) -> str:
    if isinstance(error, CommunityRefused):
        return str(error)
    return _(
        "Another community already uses “%(slug)s”. Choose another slug.", slug=slug
    )


@bp.route("/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit_community(slug: str):
    community = get_community_or_404(slug)
    require_admin()
    form = CommunityForm(obj=community)
    if not form.is_submitted():
        form.description.data = community.description_source
    if not form.validate_on_submit():
        return form_page(form, community, 400 if form.is_submitted() else 200)
    admin.update_community(current_user, community, form.values(), client_ip())
    db.session.commit()
    flash(_("%(name)s was saved.", name=community.name), "success")
    return redirect(community_url(community))


@bp.post("/<slug>/<any(archive, unarchive):action>")
@login_required
def archive_community(slug: str, action: str):
    community = get_community_or_404(slug)
    require_admin()
    require_button()
    change = admin.archive if action == "archive" else admin.unarchive
    try:
        change(current_user, community, client_ip())
    except CommunityRefused as refusal:
        abort(400, str(refusal))
    db.session.commit()
    if action == "archive":
        flash(_("%(name)s was archived.", name=community.name), "success")
    else:
        flash(_("%(name)s was unarchived.", name=community.name), "success")
    return redirect(community_url(community))
