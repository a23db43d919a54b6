"""Lesson forms: shape checks only (required fields, lengths, known values)."""

import math
from urllib.parse import urlsplit

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import pgettext
from sqlalchemy import select
from wtforms import (
    FloatField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from community.communities.models import Community
from community.communities.permissions import visible_communities
from community.content_languages import content_language_field
from community.countries import countries
from community.dpgs.fields import dpgs_field
from community.dpgs.linking import split_names
from community.extensions import db
from community.forms import (
    HubForm,
    MultiCheckboxField,
    renderable_markdown,
    strip_filter,
)
from community.learnings.authoring import PLAIN_FIELDS, LessonFields
from community.learnings.models import SECTIONS, SECTORS, STAGES
from community.learnings.vocabulary import (
    BUILDING_BLOCKS,
    DEFAULT_LICENCE,
    LICENCES,
    SDGS,
    sdg_label,
)
from community.timezones import utcnow

MAX_LINKS = 20

SECTION_HELP = {
    "context": _l("The situation before the pilot: who, where, which problem."),
    "done": _l("What the team built, bought, changed or tried."),
    "learned": _l("What worked, what did not, and why. Required."),
    "recommendations": _l("What the next country should do or avoid."),
}


def required(message: str):
    return DataRequired(message=message)


class StructuredFields:
    """Licence and structured fields (issue 23), mixed into LessonForm."""

    licence = SelectField(
        _l("Licence"),
        choices=list(LICENCES.items()),
        default=DEFAULT_LICENCE,
        description=_l(
            "Others may reuse the lesson under this licence; CC BY 4.0 asks "
            "them to credit you."
        ),
    )
    outcome = TextAreaField(
        _l("Outcome"),
        filters=[strip_filter],
        validators=[Length(max=500, message=_l("Keep the outcome to 500 characters."))],
        description=_l("What changed because of the pilot, in a sentence or two."),
    )
    outcome_value = FloatField(
        _l("Outcome as a number"),
        validators=[Optional(), NumberRange(min=-1e12, max=1e12)],
        description=_l("Optional, for example 40 (with the unit below)."),
    )
    outcome_unit = StringField(
        _l("Unit of that number"),
        filters=[strip_filter],
        validators=[Length(max=40)],
        # A bare "% f" reads as a placeholder to Babel: the sign is one.
        description=_l(
            "For example “%(percent)s fewer queues” or “days saved”.", percent="%"
        ),
    )
    cost_amount = IntegerField(
        _l("Cost"),
        validators=[Optional(), NumberRange(min=0, max=10**13)],
        description=_l("Optional: what the pilot cost, in whole units."),
    )
    cost_currency = StringField(
        _l("Currency"),
        filters=[strip_filter, lambda value: value.upper() if value else value],
        validators=[Length(max=3)],
        description=_l("A three-letter ISO 4217 code such as USD, EUR or KES."),
    )
    duration_months = IntegerField(
        _l("Duration in months"),
        validators=[Optional(), NumberRange(min=0, max=600)],
    )
    building_blocks = MultiCheckboxField(
        _l("GovStack building blocks"),
        choices=list(BUILDING_BLOCKS.items()),
        validate_choice=False,
        description=_l("The building blocks the pilot used, if any."),
    )
    sdgs = MultiCheckboxField(
        _l("Sustainable Development Goals"),
        choices=[(number, sdg_label(number)) for number in SDGS],
        validate_choice=False,
    )

    def validate_licence(self, field) -> None:
        if field.data not in LICENCES:
            raise ValidationError(_("Choose a licence from the list."))

    def validate_outcome_value(self, field) -> None:
        if field.data is not None and not math.isfinite(field.data):
            raise ValidationError(_("Give a number such as 40 or 2.5."))

    def validate_cost_currency(self, field) -> None:
        if field.data and not (len(field.data) == 3 and field.data.isalpha()):
            raise ValidationError(_("Give a three-letter currency code such as USD."))
        if self.cost_amount.data is not None and not field.data:
            raise ValidationError(_("Say which currency the cost is in."))

    def validate_building_blocks(self, field) -> None:
        if any(value not in BUILDING_BLOCKS for value in field.data or ()):
            raise ValidationError(_("Choose building blocks from the list."))

    def validate_sdgs(self, field) -> None:
        if any(value not in SDGS for value in field.data or ()):
            raise ValidationError(_("Choose goals from the list (1 to 17)."))

    def structured_values(self) -> dict:
        """The fields as LessonFields arguments."""
        return {
            "licence": self.licence.data,
            "outcome": self.outcome.data or "",
            "outcome_value": self.outcome_value.data,
            "outcome_unit": self.outcome_unit.data or "",
            "cost_amount": self.cost_amount.data,
            "cost_currency": self.cost_currency.data or "",
            "duration_months": self.duration_months.data,
            "tags": {
                "block": list(self.building_blocks.data or ()),
                "sdg": list(self.sdgs.data or ()),
            },
        }


class LessonForm(StructuredFields, HubForm):
    title = StringField(
        _l("Title"),
        filters=[strip_filter],
        validators=[required(_l("Give the lesson a title.")), Length(max=200)],
    )
    summary = TextAreaField(
        _l("Summary"),
        filters=[strip_filter],
        validators=[
            required(_l("Write a short summary.")),
            Length(max=300, message=_l("Keep the summary to 300 characters or fewer.")),
        ],
        description=_l("At most 300 characters: what someone should take away."),
    )
    pilot_name = StringField(
        _l("Pilot name"),
        filters=[strip_filter],
        validators=[required(_l("Name the pilot.")), Length(max=200)],
    )
    countries = SelectMultipleField(
        _l("Countries"),
        choices=[],
        validate_choice=False,
        description=_l("One or more; hold Ctrl (or Cmd) to choose several."),
    )
    sector = SelectField(_l("Sector"), choices=[], validate_choice=False)
    dpgs = dpgs_field()
    stage = SelectField(_l("Stage"), choices=[], validate_choice=False)
    year = IntegerField(
        _l("Year"),
        validators=[required(_l("Give the year of the pilot (for example 2025)."))],
    )
    authors = StringField(
        _l("Authors"),
        filters=[strip_filter],
        validators=[
            required(_l("Name the authors as they should be cited.")),
            Length(max=300),
        ],
    )
    organisation = StringField(
        _l("Organisation"),
        filters=[strip_filter],
        validators=[required(_l("Name the authors' organisation.")), Length(max=200)],
    )
    evidence_links = TextAreaField(
        _l("Links to evidence"),
        filters=[strip_filter],
        description=_l("One web address (https:// or http://) a line."),
    )
    community_id = SelectField(
        _l("Related community"), choices=[], validate_choice=False
    )
    context = TextAreaField(_l("Context"), validators=[renderable_markdown])
    done = TextAreaField(_l("What was done"), validators=[renderable_markdown])
    learned = TextAreaField(
        _l("What we learned"),
        validators=[required(_l("Write what you learned.")), renderable_markdown],
    )
    recommendations = TextAreaField(
        _l("Recommendations"), validators=[renderable_markdown]
    )
    change_note = StringField(
        _l("What changed in this version"),
        filters=[strip_filter],
        validators=[Length(max=300)],
        description=_l("Optional: one line for readers of the version history."),
    )
    language = content_language_field()

    def __init__(self, viewer, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.countries.choices = list(countries().items())
        self.sector.choices = [("", _("Choose a sector")), *SECTORS.items()]
        self.stage.choices = [("", _("Choose a stage")), *STAGES.items()]
        blank = ("", pgettext("no community chosen", "None"))
        self.community_id.choices = [blank, *community_choices(viewer)]
        for prefix, _heading in SECTIONS:
            getattr(self, prefix).description = SECTION_HELP[prefix]

    def validate_countries(self, field) -> None:
        if not field.data:
            raise ValidationError(_("Choose at least one country."))
        unknown = [code for code in field.data if code not in countries()]
        if unknown:
            raise ValidationError(
                _(
                    "“%(unknown)s” is not an ISO 3166 country code we know.",
                    unknown=unknown[0][:20],
                )
            )

    def validate_sector(self, field) -> None:
        if field.data not in SECTORS:
            raise ValidationError(_("Choose a sector from the list."))

    def validate_stage(self, field) -> None:
        if field.data not in STAGES:
            raise ValidationError(_("Choose a stage from the list."))

    def validate_year(self, field) -> None:
        latest = utcnow().year + 1
        if field.data is not None and not 1990 <= field.data <= latest:
            raise ValidationError(
                _("Give a year between 1990 and %(latest)s.", latest=latest)
            )

    def validate_evidence_links(self, field) -> None:
        links = [
            line.strip() for line in (field.data or "").splitlines() if line.strip()
        ]
        if len(links) > MAX_LINKS:
            raise ValidationError(
                _("Give at most %(max_links)s links.", max_links=MAX_LINKS)
            )
        for link in links:
            parts = urlsplit(link)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ValidationError(
                    _(
                        "“%(link)s” is not a web address: each link must start with "
                        "https:// or http://.",
                        link=link[:80],
                    )
                )

    def validate_community_id(self, field) -> None:
        allowed = {value for value, _label in self.community_id.choices}
        if (field.data or "") not in allowed:
            raise ValidationError(_("Choose a community from the list."))

    def to_fields(self) -> LessonFields:
        links = [line.strip() for line in (self.evidence_links.data or "").splitlines()]
        return LessonFields(
            title=self.title.data,
            summary=self.summary.data,
            pilot_name=self.pilot_name.data,
            sector=self.sector.data,
            stage=self.stage.data,
            year=self.year.data,
            authors=self.authors.data,
            organisation=self.organisation.data,
            countries=list(self.countries.data),
            dpgs=split_names(self.dpgs.data),
            evidence_links="\n".join(link for link in links if link),
            change_note=self.change_note.data or "",
            community_id=int(self.community_id.data)
            if self.community_id.data
            else None,
            sections={
                prefix: getattr(self, prefix).data or "" for prefix, _ in SECTIONS
            },
            **self.structured_values(),
            language=self.language.data or "",
        )


def community_choices(viewer) -> list[tuple[str, str]]:
    """Communities the author may tie a lesson to: readable and not archived."""
    rows = db.session.execute(
        select(Community.id, Community.name)
        .where(visible_communities(viewer), Community.archived_at.is_(None))
        .order_by(Community.name)
    )
    return [(str(community_id), name) for community_id, name in rows]


def form_data_of(version) -> dict:
    """A version's content in the form's shape, to prefill the edit page."""
    data = {name: getattr(version, name) for name in PLAIN_FIELDS}
    data["countries"] = [country.code for country in version.countries]
    data["dpgs"] = ", ".join(dpg.name for dpg in version.dpgs)
    data["community_id"] = str(version.community_id) if version.community_id else ""
    for prefix, _heading in SECTIONS:
        data[prefix] = version.section_source(prefix)
    data["building_blocks"] = version.tag_values("block")
    data["sdgs"] = version.tag_values("sdg")
    return data


class DecisionForm(HubForm):
    """Publish: names the version the editor looked at, and what it said."""

    version_id = HiddenField(validators=[DataRequired()])
    content_digest = HiddenField(validators=[Length(max=64)])  # missing: a conflict


class SendBackForm(HubForm):
    version_id = HiddenField(validators=[DataRequired()])
    comment = TextAreaField(
        _l("Comments for the author"),
        validators=[
            required(_l("Tell the author what to change.")),
            Length(max=5000),
            renderable_markdown,
        ],
    )
