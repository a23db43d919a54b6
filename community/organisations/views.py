"""The organisation directory, organisation pages, their editing and affiliations.

Join-the-effort routes live in join_views.py and the roadmap in roadmap_views.py,
on the same blueprint.
"""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.countries import countries
from community.extensions import db
from community.feeds import conditional_response
from community.forms import require, require_button
from community.organisations import affiliations, organising
from community.organisations.directory import DirectoryQuery, linked_dpgs
from community.organisations.forms import AffiliationForm, OrganisationForm, dpg_choices
from community.organisations.logos import MAX_UPLOAD_BYTES, LogoRefused, reencode
from community.organisations.models import (
    DPG_RELATIONS,
    KINDS,
    Affiliation,
    OrganisationLogo,
)
from community.organisations.permissions import (
    affiliation,
    can_claim_affiliation,
    can_confirm_affiliation,
    can_create_organisation,
    can_edit_organisation,
    can_leave_affiliation,
    can_set_kind,
    get_organisation_or_404,
    get_row_or_404,
    has_manager,
)
from community.organisations.presenting import organisation_page
from community.pagination import paginate

bp = Blueprint("organisations", __name__)


@bp.get("/organisations/")
def list_organisations():
    query = DirectoryQuery.from_args(request.args)
    page = paginate(query.select(), per_page=30)
    return render_template(
        "organisations/list.html",
        page=page,
        query=query,
        kinds=KINDS,
        countries=countries(),
        dpgs=linked_dpgs(),
    )


@bp.get("/organisations/<slug>")
def show_organisation(slug: str):
    organisation = get_organisation_or_404(slug)
    return render_template(
        "organisations/show.html",
        **organisation_page(current_user, organisation),
        claim_form=AffiliationForm(),
    )


@bp.get("/organisations/<slug>/logo.png")
def organisation_logo(slug: str):
    organisation = get_organisation_or_404(slug)
    logo = db.session.get(OrganisationLogo, organisation.id)
    if logo is None:
        abort(404)
    stamp = organisation.logo_updated_at
    return conditional_response(
        f"logo:{organisation.id}:{stamp.isoformat()}",
        stamp,
        lambda: logo.image,
        logo.mimetype,
        public=True,
        headers={"X-Content-Type-Options": "nosniff"},
    )


@bp.route("/organisations/new", methods=["GET", "POST"])
@login_required
def new_organisation():
    require(can_create_organisation(current_user))
    form = dpg_choices(OrganisationForm())
    if form.validate_on_submit() and _is_allowed(form):
        organisation = organising.create_organisation(current_user, **_fields(form))
        organising.set_dpg_links(organisation, _dpg_fields(form))
        if _save_logo(form, organisation):
            db.session.commit()
            return redirect(url_for(".show_organisation", slug=organisation.slug))
        db.session.rollback()
    status = 400 if request.method == "POST" else 200
    return render_template(
        "organisations/form.html", form=form, organisation=None
    ), status


@bp.route("/organisations/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit_organisation(slug: str):
    organisation = get_organisation_or_404(slug)
    require(can_edit_organisation(current_user, organisation))
    form = dpg_choices(OrganisationForm(obj=organisation))
    if request.method == "GET":
        form.description.data = organisation.description_source
        form.country_code.data = organisation.country_code or ""
        for relation, ids in organising.dpg_link_ids(organisation).items():
            getattr(form, relation).data = ids
    elif form.validate_on_submit() and _is_allowed(form, organisation):
        organising.update_organisation(current_user, organisation, **_fields(form))
        organising.set_dpg_links(organisation, _dpg_fields(form))
        if _save_logo(form, organisation):
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for(".show_organisation", slug=organisation.slug))
        db.session.rollback()
    status = 400 if request.method == "POST" else 200
    return render_template(
        "organisations/form.html", form=form, organisation=organisation
    ), status


def _fields(form: OrganisationForm) -> dict:
    return {
        "name": form.name.data,
        "short_name": form.short_name.data,
        "kind": form.kind.data,
        "country_code": form.country_code.data,
        "website": form.website.data,
        "description": form.description.data,
    }


def _dpg_fields(form: OrganisationForm) -> dict[str, list[str]]:
    return {relation: getattr(form, relation).data or [] for relation in DPG_RELATIONS}


def _is_allowed(form: OrganisationForm, organisation=None) -> bool:
    """No other organisation has the name, and the person may set the kind."""
    if not can_set_kind(current_user, organisation, form.kind.data):
        form.kind.errors.append(
            _("Only staff can mark an organisation as a government body, or unmark it.")
        )
        return False
    own_id = organisation.id if organisation is not None else None
    existing = organising.find_by_name(form.name.data)
    if existing is not None and existing.id != own_id:
        form.name.errors.append(_("An organisation with this name is already listed."))
        return False
    return True


def _save_logo(form: OrganisationForm, organisation) -> bool:
    """Store the uploaded logo (re-encoded), or remove it; False with an error."""
    upload = form.logo.data
    if form.remove_logo.data:
        organising.set_logo(current_user, organisation, None)
    elif upload and getattr(upload, "filename", ""):
        try:
            png = reencode(upload.read(MAX_UPLOAD_BYTES + 1))
        except LogoRefused as error:
            form.logo.errors = [str(error)]
            return False
        organising.set_logo(current_user, organisation, png)
    return True


@bp.post("/organisations/<slug>/affiliate")
@login_required
def claim_affiliation(slug: str):
    organisation = get_organisation_or_404(slug)
    require(can_claim_affiliation(current_user, organisation))
    form = AffiliationForm()
    if not form.validate_on_submit():
        abort(
            400, _("Choose whether you work there or manage the page, and send again.")
        )
    affiliations.claim(
        current_user, organisation, form.role.data, form.shown_on_page.data
    )
    db.session.commit()
    flash(_("Thank you. The organisation's managers will confirm it."), "success")
    return redirect(url_for(".show_organisation", slug=organisation.slug))


@bp.post("/organisations/<slug>/affiliations/<int:claim_id>/<decision>")
@login_required
def decide_affiliation(slug: str, claim_id: int, decision: str):
    organisation = get_organisation_or_404(slug)
    claim = get_row_or_404(Affiliation, claim_id)
    if claim.organisation_id != organisation.id or decision not in (
        "confirm",
        "decline",
    ):
        abort(404)
    require(can_confirm_affiliation(current_user, claim, has_manager(organisation)))
    require_button()
    if decision == "confirm":
        affiliations.confirm(current_user, claim)
    else:
        affiliations.end(current_user, claim)
    db.session.commit()
    return redirect(
        url_for(".show_organisation", slug=organisation.slug, _anchor="claims")
    )


@bp.post("/organisations/<slug>/leave")
@login_required
def leave_affiliation(slug: str):
    organisation = get_organisation_or_404(slug)
    require(can_leave_affiliation(current_user, organisation))
    require_button()
    affiliations.end(current_user, affiliation(current_user, organisation))
    db.session.commit()
    return redirect(url_for(".show_organisation", slug=organisation.slug))
