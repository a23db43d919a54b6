"""The countries table's rows: every field naming a country refers to one."""

from community.countries import country_name
from community.dpgs.models import Country
from community.extensions import db


def ensure_country(code: str | None) -> str | None:
    """The alpha-2 code, with its countries row made if the table lacks it
    (None for a blank or unknown code)."""
    code = (code or "").upper()
    if not country_name(code):
        return None
    if db.session.get(Country, code) is None:
        db.session.add(Country(code=code, name=country_name(code)))
        db.session.flush()
    return code
