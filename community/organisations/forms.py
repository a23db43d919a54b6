"""Organisation, affiliation, join-the-effort and roadmap forms: shape checks only."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from sqlalchemy import select
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from community.countries import countries, country_choices
from community.forms import (
    HubForm,
    MultiCheckboxField,
    http_url,
    renderable_markdown,
    strip_filter,
)
from community.organisations.models import AFFILIATION_ROLES, KINDS
from community.organisations.roadmap_models import ACTIVITY_STATUSES, OBJECTIVES

STRIP = [strip_filter]
TEXT_LIMIT = 5000


def kind_choices() -> list[tuple[str, str]]:
    return [(key, str(label)) for key, label in KINDS.items()]


class OrganisationForm(HubForm):
    name = StringField(
        _l("Name"), validators=[DataRequired(), Length(max=200)], filters=STRIP
    )
    short_name = StringField(
        _l("Short name"), validators=[Optional(), Length(max=60)], filters=STRIP
    )
    kind = SelectField(_l("Kind"), choices=kind_choices)
    country_code = SelectField(
        _l("Country"), choices=lambda: country_choices(_("Not given")), default=""
    )
    website = StringField(
        _l("Website"), validators=[Optional(), Length(max=500), http_url], filters=STRIP
    )
    description = TextAreaField(
        _l("Who you are (Markdown)"),
        validators=[Optional(), Length(max=TEXT_LIMIT), renderable_markdown],
    )
    logo = FileField(
        _l("Logo (PNG, JPEG, GIF or WebP, under 1 MB)"),
        description=_l(
            "We re-encode it as a small PNG. Leave empty to keep the current one."
        ),
    )
    remove_logo = BooleanField(_l("Remove the current logo"))
    owns = SelectMultipleField(_l("DPGs it owns"), choices=[])
    funds = SelectMultipleField(_l("DPGs it funds"), choices=[])
    implements = SelectMultipleField(_l("DPGs it implements"), choices=[])


def dpg_choices(form: OrganisationForm) -> OrganisationForm:
    """Every catalogue DPG as a choice of the owns / funds / implements lists."""

    from community.dpgs.models import Dpg
    from community.extensions import db

    rows = db.session.execute(select(Dpg.id, Dpg.name).order_by(Dpg.name).limit(1000))
    choices = [(str(row.id), row.name) for row in rows]
    form.owns.choices = form.funds.choices = form.implements.choices = choices
    return form


class AffiliationForm(HubForm):
    role = RadioField(
        _l("I am"),
        choices=[(key, str(label)) for key, label in AFFILIATION_ROLES.items()],
        default="member",
    )
    shown_on_page = BooleanField(_l("Show me on the organisation's page"), default=True)


def objective_choices() -> list[tuple[str, str]]:
    return [(key, str(label)) for key, label in OBJECTIVES.items()]


class JoinForm(HubForm):
    """The application; `email` is asked of visitors only (the view drops it else)."""

    submission_key = HiddenField()
    organisation_id = SelectField(_l("Your organisation"), coerce=str, default="")
    organisation_name = StringField(
        _l("Organisation name (if it is not in the list)"),
        validators=[Optional(), Length(max=200)],
        filters=STRIP,
    )
    organisation_kind = SelectField(_l("Kind of organisation"), choices=kind_choices)
    organisation_country = SelectField(
        _l("Country"), choices=lambda: country_choices(_("Not given")), default=""
    )
    organisation_website = StringField(
        _l("Website"), validators=[Optional(), Length(max=500), http_url], filters=STRIP
    )
    contact_name = StringField(
        _l("Contact person"),
        validators=[DataRequired(), Length(max=120)],
        filters=STRIP,
    )
    contact_role = StringField(
        _l("Their role"), validators=[Optional(), Length(max=120)], filters=STRIP
    )
    email = EmailField(
        _l("E-mail address"),
        validators=[DataRequired(), Email(), Length(max=254)],
        filters=STRIP,
        description=_l(
            "We send a link there; the application is made when you open it."
        ),
    )
    what_it_does = TextAreaField(
        _l("What your organisation does"),
        validators=[DataRequired(), Length(max=2000)],
    )
    objectives = MultiCheckboxField(
        _l("Objectives you would work towards"), choices=objective_choices
    )
    activity_ids = MultiCheckboxField(
        _l("Activities you would join"), coerce=str, choices=[]
    )
    proposed_activities = TextAreaField(
        _l("Activities you propose (one a line)"),
        validators=[Optional(), Length(max=1000)],
    )
    dpgs = StringField(
        _l("DPGs involved (names, separated by commas)"),
        validators=[Optional(), Length(max=1000)],
        filters=STRIP,
    )
    countries = SelectMultipleField(
        _l("Countries you work in"), choices=lambda: list(countries().items())
    )
    message = TextAreaField(
        _l("Anything else (Markdown)"),
        validators=[Optional(), Length(max=2000), renderable_markdown],
    )


class ReviewForm(HubForm):
    decision = RadioField(
        _l("Decision"),
        choices=[
            ("needs_info", _l("Ask for more information")),
            ("approved", _l("Approve")),
            ("declined", _l("Decline")),
        ],
        validators=[DataRequired()],
    )
    message = TextAreaField(
        _l("What is missing, or the reason (the applicant reads this)"),
        validators=[Optional(), Length(max=TEXT_LIMIT), renderable_markdown],
    )


class AnswerForm(HubForm):
    body = TextAreaField(
        _l("Your answer (Markdown)"),
        validators=[DataRequired(), Length(max=TEXT_LIMIT), renderable_markdown],
    )


class ActivityForm(HubForm):
    title = StringField(
        _l("Title"), validators=[DataRequired(), Length(max=200)], filters=STRIP
    )
    objective = SelectField(_l("Objective"), choices=objective_choices)
    status = SelectField(
        _l("Status"), choices=[(k, str(v)) for k, v in ACTIVITY_STATUSES.items()]
    )
    description = TextAreaField(
        _l("Description (Markdown)"),
        validators=[Optional(), Length(max=TEXT_LIMIT), renderable_markdown],
    )
    leads = SelectMultipleField(_l("Lead organisations"), coerce=str, choices=[])
    partners = SelectMultipleField(_l("Partner organisations"), coerce=str, choices=[])
    dpgs = SelectMultipleField(_l("DPGs"), coerce=str, choices=[])
    communities = SelectMultipleField(_l("Communities"), coerce=str, choices=[])
    events = SelectMultipleField(_l("Events"), coerce=str, choices=[])
    lessons = SelectMultipleField(_l("Lessons"), coerce=str, choices=[])
    is_published = BooleanField(_l("Published (shown on the roadmap)"))


class UpdateForm(HubForm):
    title = StringField(
        _l("Title"), validators=[DataRequired(), Length(max=200)], filters=STRIP
    )
    body = TextAreaField(
        _l("Update (Markdown)"),
        validators=[DataRequired(), Length(max=TEXT_LIMIT), renderable_markdown],
    )
