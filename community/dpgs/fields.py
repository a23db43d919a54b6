"""The form field lessons, threads and events name DPGs with."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import Length, ValidationError

from community.dpgs.linking import MAX_NAMES, split_names
from community.forms import strip_filter


def _named_dpgs(form, field) -> None:
    names = split_names(field.data)
    if len(names) > MAX_NAMES:
        raise ValidationError(
            _("Name at most %(count)s digital public goods.", count=MAX_NAMES)
        )
    if any(len(name) > 150 for name in names):
        raise ValidationError(_("Each name can be at most 150 characters long."))


def dpgs_field() -> StringField:
    """The field lessons, threads and events name DPGs with (comma-separated,
    matched to the catalogue; see templates/dpgs/_dpg_field.html)."""
    return StringField(
        _l("Digital public goods"),
        filters=[strip_filter],
        validators=[Length(max=1600), _named_dpgs],
        description=_l(
            "From the catalogue, separated by commas, for example: MOSIP, X-Road. "
            "A good the catalogue lacks is suggested to staff."
        ),
    )
