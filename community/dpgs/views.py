"""The catalogue: /dpgs/ and /dpgs/<slug>, and the staff form to add or edit."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.dpgs import editing, linked, linking
from community.dpgs.catalogue import (
    FILTERS,
    SORTS,
    DpgQuery,
    filter_options,
    lesson_counts,
    search,
)
from community.dpgs.forms import DpgForm
from community.dpgs.permissions import (
    can_manage_dpgs,
    get_dpg_named_or_404,
    get_dpg_or_404,
)
from community.extensions import db
from community.forms import ButtonForm, require, require_button
from community.organisations.related import dpg_activities, dpg_organisations
from community.pagecache import versions
from community.pagecache.member_blocks import shared_block
from community.pagecache.pages import visitor_cached
from community.pagination import paginate
from community.timezones import utcnow

bp = Blueprint("dpgs", __name__)


@bp.get("/dpgs/")
def list_dpgs():
    query = DpgQuery.from_args(request.args)
    page = paginate(search(current_user, query), per_page=30)
    return render_template(
        "dpgs/list.html",
        page=page,
        query=query,
        options=filter_options(),
        filter_names=FILTERS,
        sorts=SORTS,
        lesson_counts=lesson_counts(current_user, page.items),
    )


@bp.get("/dpgs/<slug>")
@visitor_cached
def show_dpg(slug: str):
    dpg = get_dpg_named_or_404(slug)  # its facts are read only to render the body
    can_manage = can_manage_dpgs(current_user)
    about = shared_block(
        "dpgs/_about.html",
        current_user,
        versions.current,
        f"dpg:{dpg.id}|manage:{can_manage}",
        lambda: {
            "dpg": dpg,
            "can_manage": can_manage,
            **linked.linked_to_dpg(current_user, dpg.id, utcnow()),
            "hub_organisations": dpg_organisations(dpg),
            "activities": dpg_activities(dpg),
        },
    )
    return render_template("dpgs/show.html", dpg=dpg, about=about)


@bp.route("/dpgs/new", methods=["GET", "POST"])
@login_required
def new_dpg():
    require(can_manage_dpgs(current_user), _("Only staff add DPGs to the catalogue."))
    form = DpgForm()
    if not form.is_submitted():  # "Add this DPG" from the suggestions
        form.name.data = request.args.get("name", "")[:150]
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return render_template("dpgs/form.html", form=form, dpg=None), status
    dpg = editing.create_dpg(
        current_user, form.facts(), form.registry_id.data, form.notes.data or ""
    )
    db.session.commit()
    return redirect(url_for(".show_dpg", slug=dpg.slug))


@bp.route("/dpgs/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit_dpg(slug: str):
    dpg = get_dpg_or_404(slug)
    require(can_manage_dpgs(current_user), _("Only staff edit the catalogue."))
    form = DpgForm(dpg=dpg)
    if request.method == "GET":
        form.fill_from(dpg)
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return render_template("dpgs/form.html", form=form, dpg=dpg), status
    editing.update_dpg(
        current_user, dpg, form.facts(), form.registry_id.data, form.notes.data or ""
    )
    db.session.commit()
    return redirect(url_for(".show_dpg", slug=dpg.slug))


@bp.get("/dpgs/suggestions")
@login_required
def list_suggestions():
    require(can_manage_dpgs(current_user), _("Only staff see the suggestions."))
    return render_template(
        "dpgs/suggestions.html",
        suggestions=linking.open_suggestions(),
        form=ButtonForm(),
    )


@bp.post("/dpgs/suggestions/dismiss")
@login_required
def dismiss_suggestion():
    require(can_manage_dpgs(current_user), _("Only staff see the suggestions."))
    require_button()
    name = request.form.get("name", "")[:150]
    if not linking.dismiss_name(name):
        abort(404)
    db.session.commit()
    flash(_("“%(name)s” is no longer suggested.", name=name), "success")
    return redirect(url_for(".list_suggestions"))
