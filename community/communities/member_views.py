"""The member directory and the moderators' pages: requests, roles, bans."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.auth.models import User
from community.communities import directory, membership
from community.communities.forms import DirectoryFilterForm, RoleForm
from community.communities.membership import MembershipRefused
from community.communities.models import Community
from community.communities.permissions import (
    can_manage_roles,
    can_moderate,
    can_see_members,
    get_community_or_404,
)
from community.communities.views import bp, community_page
from community.countries import country_name
from community.extensions import db
from community.forms import (
    STALE_FORM,
    ButtonForm,
    client_ip,
    require,
    require_button,
)
from community.pagination import paginate

MEMBERS_PER_PAGE = 30


def members_page(community: Community, problem: str | None = None, status=200):
    filters = DirectoryFilterForm(request.args)
    filters.offer_countries(directory.member_countries(community))
    kind = country = ""
    if filters.validate():
        kind, country = filters.kind.data or "", filters.country.data or ""
    else:
        status = 400  # the messages sit next to the filters; everyone is listed
    page = paginate(directory.members_query(community, kind, country), MEMBERS_PER_PAGE)
    page_html = render_template(
        "communities/members.html",
        community=community,
        page=page,
        filters=filters,
        country_name=country_name,
        role_form=RoleForm(formdata=None),
        button_form=ButtonForm(formdata=None),
        problem=problem,
    )
    return page_html, status


def requests_page(community: Community, problem: str | None = None, status=200):
    page = render_template(
        "communities/requests.html",
        community=community,
        pending=directory.pending_requests(community),
        banned=directory.banned_members(community),
        country_name=country_name,
        button_form=ButtonForm(formdata=None),
        problem=problem,
    )
    return page, status


def moderated_community(slug: str) -> Community:
    """The community if the signed-in person moderates it, else 403."""
    community = get_community_or_404(slug)
    require(
        can_moderate(current_user, community),
        _("Only this community's moderators can do that."),
    )
    return community


def checked_button() -> None:
    require_button()


@bp.get("/<slug>/members")
def list_members(slug: str):
    community = get_community_or_404(slug)
    if not can_see_members(current_user, community):
        return community_page(community)
    return members_page(community)


@bp.get("/<slug>/requests")
@login_required
def list_requests(slug: str):
    return requests_page(moderated_community(slug))


@bp.post("/<slug>/requests/<int:user_id>/<any(approve, decline):decision>")
@login_required
def decide_request(slug: str, user_id: int, decision: str):
    community = moderated_community(slug)
    person = db.get_or_404(User, user_id)
    checked_button()
    action = membership.approve if decision == "approve" else membership.decline
    return moderate_person(
        community,
        person,
        action,
        (
            _("%(name)s: request approved.", name=person.display_name)
            if decision == "approve"
            else _("%(name)s: request declined.", name=person.display_name)
        ),
    )


@bp.post("/<slug>/members/<int:user_id>/role")
@login_required
def change_role(slug: str, user_id: int):
    community = get_community_or_404(slug)
    require(
        can_manage_roles(current_user, community),
        _("Only this community's moderators can change roles."),
    )
    person = db.get_or_404(User, user_id)
    form = RoleForm()
    if not form.validate_on_submit():
        problem = " ".join(form.role.errors) or STALE_FORM
        return members_page(community, problem=problem, status=400)
    try:
        membership.set_role(
            current_user, community, person, form.role.data, client_ip()
        )
    except MembershipRefused as refusal:
        db.session.rollback()
        return members_page(community, problem=str(refusal), status=400)
    db.session.commit()
    flash(
        _(
            "%(display_name)s is now %(data)s.",
            display_name=person.display_name,
            data=form.role.data,
        ),
        "success",
    )
    return redirect(url_for(".list_members", slug=community.slug))


@bp.post("/<slug>/members/<int:user_id>/<any(ban, unban):action>")
@login_required
def ban_member(slug: str, user_id: int, action: str):
    community = moderated_community(slug)
    person = db.get_or_404(User, user_id)
    checked_button()
    service = membership.ban if action == "ban" else membership.unban
    if action == "ban":
        message = _(
            "%(person)s was banned from %(name)s.",
            person=person.display_name,
            name=community.name,
        )
    else:
        message = _(
            "%(person)s was unbanned from %(name)s.",
            person=person.display_name,
            name=community.name,
        )
    return moderate_person(community, person, service, message)


def moderate_person(community, person: User, service, done: str):
    """Run a membership decision; a refusal re-shows the queue with its reason."""
    try:
        service(current_user, community, person, ip=client_ip())
    except MembershipRefused as refusal:
        db.session.rollback()
        return requests_page(community, problem=str(refusal), status=400)
    db.session.commit()
    flash(done, "success")
    return redirect(url_for(".list_requests", slug=community.slug))
