"""The admin area: find people and act on one account (roles, editors,
suspensions, confirming an address), each step audit-logged."""

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from community.admin import decisions, people
from community.admin.forms import (
    EditorForm,
    LiftForm,
    PeopleSearchForm,
    RoleForm,
    SuspendForm,
)
from community.admin.permissions import (
    audit_scope,
    can_change_roles,
    can_confirm_email,
    can_open_admin,
    can_suspend,
    get_person_or_404,
)
from community.extensions import db, login_manager
from community.forms import ButtonForm, client_ip, require, stale_form
from community.pagination import paginate
from community.trust.levels import effective_level, level_name

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
def guard_admin_area():
    """Log in first; and with STAFF_TWO_FACTOR_REQUIRED, two-factor first, for
    community moderators reading the audit log as for staff."""
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    required = current_app.config["STAFF_TWO_FACTOR_REQUIRED"]
    if required and not current_user.has_two_factor:
        flash(_("The admin area needs two-factor authentication. Set it up to go on."))
        return redirect(url_for("auth.setup_two_factor"))
    return None


@bp.get("/")
def list_people():
    require(can_open_admin(current_user))
    form = PeopleSearchForm(request.args)
    valid = form.validate() or not request.args
    page = paginate(people.people_query(form.data if valid else {}), per_page=25)
    page_html = render_template("admin/people.html", form=form, page=page)
    return page_html, 200 if valid else 400


def person_page(person, status: int = 200, problem: str = "", **forms):
    forms.setdefault("role_form", RoleForm(role=person.site_role))
    forms.setdefault(
        "editor_form", EditorForm(editor="yes" if person.is_editor else "no")
    )
    forms.setdefault("suspend_form", SuspendForm())
    forms.setdefault("lift_form", LiftForm())
    forms.setdefault("button_form", ButtonForm())
    activity = people.recent_activity(current_user, person, audit_scope(current_user))
    level = level_name(effective_level(person))
    return render_template(
        "admin/person.html",
        person=person,
        activity=activity,
        level=level,
        problem=problem,
        **forms,
    ), status


@bp.get("/people/<int:person_id>")
def show_person(person_id: int):
    require(can_open_admin(current_user))
    return person_page(get_person_or_404(person_id))


def finish(person, message: str):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for(".show_person", person_id=person.id))


@bp.post("/people/<int:person_id>/role")
def change_role(person_id: int):
    person = get_person_or_404(person_id)
    require(can_change_roles(current_user, person))
    form = RoleForm()
    if not form.validate_on_submit():
        return person_page(person, 400, role_form=form)
    decisions.change_role(person, current_user, form.role.data, ip=client_ip())
    return finish(person, _("The site role is saved."))


@bp.post("/people/<int:person_id>/editor")
def change_editor(person_id: int):
    person = get_person_or_404(person_id)
    require(can_change_roles(current_user, person))
    form = EditorForm()
    if not form.validate_on_submit():
        return person_page(person, 400, editor_form=form)
    editor = form.editor.data == "yes"
    decisions.set_editor(person, current_user, editor, ip=client_ip())
    return finish(person, _("The editor role is saved."))


@bp.post("/people/<int:person_id>/suspend")
def suspend(person_id: int):
    person = get_person_or_404(person_id)
    require(can_suspend(current_user, person))
    form = SuspendForm()
    if not form.validate_on_submit():
        return person_page(person, 400, suspend_form=form)
    try:
        decisions.suspend(person, current_user, form.reason.data, ip=client_ip())
    except decisions.DecisionRefused as refused:
        return person_page(person, 400, problem=str(refused))
    return finish(person, _("The account is suspended and logged out everywhere."))


@bp.post("/people/<int:person_id>/unsuspend")
def lift_suspension(person_id: int):
    person = get_person_or_404(person_id)
    require(can_suspend(current_user, person))
    form = LiftForm()
    if not form.validate_on_submit():
        return person_page(person, 400, lift_form=form)
    try:
        decisions.lift_suspension(person, current_user, form.note.data, client_ip())
    except decisions.DecisionRefused as refused:
        return person_page(person, 400, problem=str(refused))
    return finish(person, _("The suspension is over: the person can log in again."))


@bp.post("/people/<int:person_id>/confirm-email")
def confirm_email(person_id: int):
    person = get_person_or_404(person_id)
    require(can_confirm_email(current_user, person))
    if not ButtonForm().validate_on_submit():
        stale_form()
    decisions.confirm_email(person, current_user, ip=client_ip())
    return finish(person, _("The e-mail address is confirmed."))
