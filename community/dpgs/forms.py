"""The staff form for a DPG: shape checks only (the service saves)."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from community.countries import countries, countries_by_region
from community.dpgs.models import Dpg
from community.extensions import db
from community.forms import (
    SLUG_RE,
    HubForm,
    MultiCheckboxField,
    http_url,
    renderable_markdown,
    strip_filter,
)

MAX_LINES = 300
SDG_CHOICES = [
    (str(number), _l("SDG %(number)s", number=number)) for number in range(1, 18)
]


def lines(text: str | None) -> list[str]:
    """Non-empty stripped lines, first occurrence kept."""
    found = (line.strip() for line in (text or "").splitlines())
    return list(dict.fromkeys(line for line in found if line))


def _line_list(label, help_text, max_length=150):
    def check(form, field) -> None:
        values = lines(field.data)
        if len(values) > MAX_LINES:
            raise ValidationError(_("Give at most %(count)s lines.", count=MAX_LINES))
        too_long = [value for value in values if len(value) > max_length]
        if too_long:
            raise ValidationError(
                _(
                    "“%(value)s…” is longer than %(limit)s characters.",
                    value=too_long[0][:40],
                    limit=max_length,
                )
            )

    return TextAreaField(
        label, filters=[strip_filter], validators=[check], description=help_text
    )


def upper_codes(values):
    return [value.strip().upper() for value in values or [] if value.strip()]


class CountriesField(MultiCheckboxField):
    """Countries ticked in a list grouped by region (templates/dpgs/_countries.html).
    A value that is not an ISO 3166-1 code of the catalogue is refused with its
    own message, not WTForms' generic one."""

    def __init__(self, label, **kwargs):
        super().__init__(
            label,
            choices=countries_by_region,
            validate_choice=False,
            filters=[upper_codes],
            description=_l("Open a region and tick its countries."),
            **kwargs,
        )

    def pre_validate(self, form) -> None:
        values = self.data or []
        if len(values) > MAX_LINES:
            raise ValidationError(
                _("Choose at most %(count)s countries.", count=MAX_LINES)
            )
        unknown = [value for value in values if value not in countries()]
        if unknown:
            raise ValidationError(
                _(
                    "“%(name)s” is not a country we know: choose countries from "
                    "the list.",
                    name=unknown[0][:60],
                )
            )


class DpgForm(HubForm):
    name = StringField(
        _l("Name"),
        filters=[strip_filter],
        validators=[DataRequired(_l("Give the good its name.")), Length(max=150)],
    )
    registry_id = StringField(
        _l("DPG Registry id"),
        filters=[strip_filter],
        validators=[Length(max=150)],
        description=_l(
            "As in the registry's address, such as dhis2. Leave empty for a good "
            "that is not in the registry. Imports replace a listed good's facts "
            "with the registry's; the notes are kept."
        ),
    )
    website = StringField(
        _l("Website"), filters=[strip_filter], validators=[Length(max=500), http_url]
    )
    description = TextAreaField(
        _l("Description"),
        filters=[strip_filter],
        validators=[Length(max=5000)],
        description=_l("Plain text, shown as written."),
    )
    aliases = _line_list(_l("Other names"), _l("One a line."))
    sectors = _line_list(_l("Sectors"), _l("One a line, such as Health."))
    sdgs = MultiCheckboxField(_l("Sustainable Development Goals"), choices=SDG_CHOICES)
    licences = _line_list(
        _l("Licences"), _l("SPDX identifiers, one a line, such as Apache-2.0.")
    )
    types = _line_list(
        _l("Types"), _l("One a line: software, content, data, standard, aimodel.")
    )
    stage = StringField(
        _l("Stage"), filters=[strip_filter], validators=[Length(max=40)]
    )
    deployment_countries = CountriesField(_l("Deployed in"))
    development_countries = CountriesField(_l("Developed in"))
    organisations = _line_list(
        _l("Organisations"),
        _l(
            "One a line: the name, then optionally “|” and its role "
            "(owner, funder, implementer)."
        ),
        max_length=250,
    )
    notes = TextAreaField(
        _l("Community notes"),
        validators=[Length(max=20000), renderable_markdown],
        description=_l(
            "Markdown: what the community knows that the registry does not."
        ),
    )

    def __init__(self, *args, dpg: Dpg | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = dpg

    def validate_registry_id(self, field) -> None:
        if not field.data:
            return
        if not SLUG_RE.match(field.data):
            raise ValidationError(
                _("Use lowercase letters, digits and single hyphens.")
            )
        taken = db.session.scalar(select(Dpg.id).where(Dpg.registry_id == field.data))
        if taken is not None and (self.editing is None or taken != self.editing.id):
            raise ValidationError(
                _("Another DPG in the catalogue has this registry id.")
            )

    def facts(self) -> dict:
        """The form's values in the shape the registry reader produces."""
        organisations = []
        for line in lines(self.organisations.data):
            name, _bar, role = line.partition("|")
            organisations.append(
                {"name": name.strip()[:200], "role": role.strip()[:40], "website": ""}
            )
        return {
            "name": self.name.data,  # facet lists sorted as the registry reader's
            "aliases": lines(self.aliases.data),
            "description": self.description.data or "",
            "website": self.website.data or "",
            "stage": self.stage.data or "",
            "licence": sorted(lines(self.licences.data)),
            "sdg": [
                value
                for value, _label in SDG_CHOICES
                if value in (self.sdgs.data or [])
            ],
            "sector": sorted(lines(self.sectors.data)),
            "type": sorted(lines(self.types.data)),
            "repositories": self.editing.repositories if self.editing else [],
            "organisations": organisations,
            "countries": {
                kind: sorted(set(getattr(self, f"{kind}_countries").data or []))
                for kind in ("deployment", "development")
            },
        }

    def fill_from(self, dpg: Dpg) -> None:
        self.name.data = dpg.name
        self.registry_id.data = dpg.registry_id or ""
        self.website.data = dpg.website
        self.description.data = dpg.description
        self.aliases.data = "\n".join(dpg.aliases)
        self.sectors.data = "\n".join(dpg.facet_values("sector"))
        self.sdgs.data = dpg.facet_values("sdg")
        self.licences.data = "\n".join(dpg.facet_values("licence"))
        self.types.data = "\n".join(dpg.facet_values("type"))
        self.stage.data = dpg.stage
        for kind in ("deployment", "development"):
            getattr(self, f"{kind}_countries").data = dpg.country_codes(kind)
        self.organisations.data = "\n".join(
            f"{o['name']} | {o['role']}" if o.get("role") else o["name"]
            for o in dpg.organisations
        )
        self.notes.data = dpg.notes_source
