"""The join form's choices and its answers as plain values for the service."""

from flask_babel import gettext as _
from sqlalchemy import select

from community.extensions import db
from community.organisations.applications import (
    Answers,
    is_submission_key,
    new_submission_key,
)
from community.organisations.forms import JoinForm
from community.organisations.models import Organisation
from community.organisations.organising import find_by_name
from community.organisations.roadmap_models import RoadmapActivity

MAX_CHOICES = 500


def prepare_join_form(form: JoinForm, viewer) -> JoinForm:
    """Fill the choices; members answer at their account's address."""
    organisations = db.session.execute(
        select(Organisation.id, Organisation.name)
        .order_by(Organisation.name)
        .limit(MAX_CHOICES)
    )
    form.organisation_id.choices = [
        ("", _("A new organisation (give its name below)"))
    ] + [(str(row.id), row.name) for row in organisations]
    activities = db.session.execute(
        select(RoadmapActivity.id, RoadmapActivity.title)
        .where(RoadmapActivity.is_published.is_(True))
        .order_by(RoadmapActivity.objective, RoadmapActivity.position)
        .limit(MAX_CHOICES)
    )
    form.activity_ids.choices = [(str(row.id), row.title) for row in activities]
    if getattr(viewer, "is_authenticated", False):
        del form.email
        if not form.contact_name.data:
            form.contact_name.data = viewer.display_name
    if not is_submission_key(form.submission_key.data):
        form.submission_key.data = new_submission_key()
    return form


def answers_from(form: JoinForm) -> Answers | None:
    """The answers, or None with an error on the form (no organisation named)."""
    chosen = (
        db.session.get(Organisation, int(form.organisation_id.data))
        if (form.organisation_id.data or "").isdigit()
        else None
    )
    name = form.organisation_name.data or ""
    if chosen is None and name:
        chosen = find_by_name(name)
    if chosen is None and not name:
        form.organisation_name.errors.append(
            _("Choose your organisation in the list, or give its name.")
        )
        return None
    return Answers(
        submission_key=form.submission_key.data,
        contact_name=form.contact_name.data,
        contact_role=form.contact_role.data or "",
        organisation_id=chosen.id if chosen else None,
        organisation_name=chosen.name if chosen else name,
        organisation_kind=form.organisation_kind.data,
        organisation_country=form.organisation_country.data or "",
        organisation_website=form.organisation_website.data or "",
        what_it_does=form.what_it_does.data,
        objectives=list(form.objectives.data or []),
        activity_ids=[int(i) for i in form.activity_ids.data or [] if i.isdigit()],
        proposed_activities=form.proposed_activities.data or "",
        dpgs=form.dpgs.data or "",
        countries=list(form.countries.data or []),
        message=form.message.data or "",
    )
