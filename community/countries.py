"""ISO 3166 countries (from pycountry) for profiles, directories and lessons."""

from functools import cache

import pycountry
from babel import Locale
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l


@cache
def countries() -> dict[str, str]:
    """Alpha-2 code -> common name, sorted by name."""
    names = {
        country.alpha_2: getattr(country, "common_name", None) or country.name
        for country in pycountry.countries
    }
    return dict(sorted(names.items(), key=lambda item: item[1]))


def country_name(code: str | None) -> str:
    """The country's name in the page's language (CLDR), else pycountry's English."""
    code = (code or "").upper()
    english = countries().get(code, "")
    locale = get_locale()
    if not english or locale is None or locale.language == "en":
        return english
    return _localised_names(locale.language).get(code, english)


@cache
def _localised_names(language: str) -> dict[str, str]:
    return dict(Locale.parse(language).territories)


def country_choices(blank: str | None = None) -> list[tuple[str, str]]:
    """("", blank) then every country, named and sorted in the page's language."""
    named = sorted(
        ((code, country_name(code)) for code in countries()), key=lambda pair: pair[1]
    )
    return [("", blank or _("Not given")), *named]


# The library's six regions. Every ISO 3166 code belongs to exactly one
# (tests/learnings/test_regions.py checks none is missing); territories follow
# the region they sit in, Antarctic ones the nearest.
# Their names as people read them (the codes above stay in URLs and the index).
REGION_LABELS = {
    "Africa": _l("Africa"),
    "Asia-Pacific": _l("Asia-Pacific"),
    "Europe": _l("Europe"),
    "Latin America & Caribbean": _l("Latin America & Caribbean"),
    "Middle East": _l("Middle East"),
    "North America": _l("North America"),
}
REGIONS = (
    "Africa",
    "Asia-Pacific",
    "Europe",
    "Latin America & Caribbean",
    "Middle East",
    "North America",
)
_REGION_CODES = {
    "Africa": (
        "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW KE "
        "KM LR LS LY MA MG ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST "
        "SZ TD TF TG TN TZ UG YT ZA ZM ZW"
    ),
    "Asia-Pacific": (
        "AF AQ AS AU BD BN BT CC CK CN CX FJ FM GU HK HM ID IN IO JP KG KH KI KP "
        "KR KZ LA LK MH MM MN MO MP MV MY NC NF NP NR NU NZ PF PG PH PK PN PW SB "
        "SG TH TJ TK TL TM TO TV TW UZ VN VU WF WS"
    ),
    "Europe": (
        "AD AL AM AT AX AZ BA BE BG BV BY CH CY CZ DE DK EE ES FI FO FR GB GE GG "
        "GI GR HR HU IE IM IS IT JE LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS "
        "RU SE SI SJ SK SM TR UA VA"
    ),
    "Latin America & Caribbean": (
        "AG AI AR AW BB BL BO BQ BR BS BZ CL CO CR CU CW DM DO EC FK GD GF GP GS "
        "GT GY HN HT JM KN KY LC MF MQ MS MX NI PA PE PR PY SR SV SX TC TT UY VC "
        "VE VG VI"
    ),
    "Middle East": "AE BH IL IQ IR JO KW LB OM PS QA SA SY YE",
    "North America": "BM CA GL PM UM US",
}
COUNTRY_REGIONS: dict[str, str] = {
    code: region for region, codes in _REGION_CODES.items() for code in codes.split()
}


def country_region(code: str | None) -> str:
    """The library region of an alpha-2 code ("" when unknown)."""
    return COUNTRY_REGIONS.get((code or "").upper(), "")


def countries_by_region() -> dict[str, list[tuple[str, str]]]:
    """Every country under its region's label, regions and names in the page's
    language and order (the staff DPG form's checkbox groups)."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    for code, name in country_choices()[1:]:
        grouped.setdefault(COUNTRY_REGIONS[code], []).append((code, name))
    return {str(REGION_LABELS[region]): grouped[region] for region in REGIONS}
