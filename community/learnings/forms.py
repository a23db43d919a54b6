"""Lesson forms: shape checks only (required fields, lengths, known values)."""

from urllib.parse import urlsplit

from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import (
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, ValidationError

from community.communities.models import Community
from community.communities.permissions import visible_communities
from community.countries import countries
from community.dpgs.fields import dpgs_field
from community.dpgs.linking import split_names
from community.extensions import db
from community.forms import renderable_markdown, strip_filter
from community.learnings.authoring import PLAIN_FIELDS, LessonFields
from community.learnings.models import SECTIONS, SECTORS, STAGES
from community.timezones import utcnow

MAX_LINKS = 20

SECTION_HELP = {
    "context": "The situation before the pilot: who, where, which problem.",
    "done": "What the team built, bought, changed or tried.",
    "learned": "What worked, what did not, and why. Required.",
    "recommendations": "What the next country should do or avoid.",
}


def required(message: str):
    return DataRequired(message=message)


class LessonForm(FlaskForm):
    title = StringField(
        "Title",
        filters=[strip_filter],
        validators=[required("Give the lesson a title."), Length(max=200)],
    )
    summary = TextAreaField(
        "Summary",
        filters=[strip_filter],
        validators=[
            required("Write a short summary."),
            Length(max=300, message="Keep the summary to 300 characters or fewer."),
        ],
        description="At most 300 characters: what someone should take away.",
    )
    pilot_name = StringField(
        "Pilot name",
        filters=[strip_filter],
        validators=[required("Name the pilot."), Length(max=200)],
    )
    countries = SelectMultipleField(
        "Countries",
        choices=[],
        validate_choice=False,
        description="One or more; hold Ctrl (or Cmd) to choose several.",
    )
    sector = SelectField("Sector", choices=[], validate_choice=False)
    dpgs = dpgs_field()
    stage = SelectField("Stage", choices=[], validate_choice=False)
    year = IntegerField(
        "Year",
        validators=[required("Give the year of the pilot (for example 2025).")],
    )
    authors = StringField(
        "Authors",
        filters=[strip_filter],
        validators=[
            required("Name the authors as they should be cited."),
            Length(max=300),
        ],
    )
    organisation = StringField(
        "Organisation",
        filters=[strip_filter],
        validators=[required("Name the authors' organisation."), Length(max=200)],
    )
    evidence_links = TextAreaField(
        "Links to evidence",
        filters=[strip_filter],
        description="One web address (https:// or http://) a line.",
    )
    community_id = SelectField("Related community", choices=[], validate_choice=False)
    context = TextAreaField("Context", validators=[renderable_markdown])
    done = TextAreaField("What was done", validators=[renderable_markdown])
    learned = TextAreaField(
        "What we learned",
        validators=[required("Write what you learned."), renderable_markdown],
    )
    recommendations = TextAreaField("Recommendations", validators=[renderable_markdown])
    change_note = StringField(
        "What changed in this version",
        filters=[strip_filter],
        validators=[Length(max=300)],
        description="Optional: one line for readers of the version history.",
    )

    def __init__(self, viewer, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.countries.choices = list(countries().items())
        self.sector.choices = [("", "Choose a sector"), *SECTORS.items()]
        self.stage.choices = [("", "Choose a stage"), *STAGES.items()]
        self.community_id.choices = [("", "None"), *community_choices(viewer)]
        for prefix, _heading in SECTIONS:
            getattr(self, prefix).description = SECTION_HELP[prefix]

    def validate_countries(self, field) -> None:
        if not field.data:
            raise ValidationError("Choose at least one country.")
        unknown = [code for code in field.data if code not in countries()]
        if unknown:
            raise ValidationError(
                f"“{unknown[0][:20]}” is not an ISO 3166 country code we know."
            )

    def validate_sector(self, field) -> None:
        if field.data not in SECTORS:
            raise ValidationError("Choose a sector from the list.")

    def validate_stage(self, field) -> None:
        if field.data not in STAGES:
            raise ValidationError("Choose a stage from the list.")

    def validate_year(self, field) -> None:
        latest = utcnow().year + 1
        if field.data is not None and not 1990 <= field.data <= latest:
            raise ValidationError(f"Give a year between 1990 and {latest}.")

    def validate_evidence_links(self, field) -> None:
        links = [
            line.strip() for line in (field.data or "").splitlines() if line.strip()
        ]
        if len(links) > MAX_LINKS:
            raise ValidationError(f"Give at most {MAX_LINKS} links.")
        for link in links:
            parts = urlsplit(link)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise ValidationError(
                    f"“{link[:80]}” is not a web address: each link must start "
                    "with https:// or http://."
                )

    def validate_community_id(self, field) -> None:
        allowed = {value for value, _label in self.community_id.choices}
        if (field.data or "") not in allowed:
            raise ValidationError("Choose a community from the list.")

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
    return data


class DecisionForm(FlaskForm):
    """Publish: names the version the editor looked at, and what it said."""

    version_id = HiddenField(validators=[DataRequired()])
    content_digest = HiddenField(validators=[Length(max=64)])  # missing: a conflict


class SendBackForm(FlaskForm):
    version_id = HiddenField(validators=[DataRequired()])
    comment = TextAreaField(
        "Comments for the author",
        validators=[
            required("Tell the author what to change."),
            Length(max=5000),
            renderable_markdown,
        ],
    )
