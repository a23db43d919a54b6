"""The fixed lists a lesson's structured fields choose from, in one place.

- LICENCES: the licences an author may publish under, by SPDX id
  (https://spdx.org/licenses/); CC BY 4.0 unless the author picks another.
- BUILDING_BLOCKS: GovStack's building blocks, as its specification names them
  (https://specs.govstack.global/), plus "other" for what none covers.
- SDGS: the 17 UN Sustainable Development Goals, by number.

Keys are stored and exported; they never change (add new keys instead).
docs/lessons-export.md documents them for people who read the exports.
"""

from flask_babel import lazy_gettext as _l

DEFAULT_LICENCE = "CC-BY-4.0"
# Licence names stay as Creative Commons writes them; marked so a language
# with its own script may transliterate them.
LICENCES = {
    "CC-BY-4.0": _l("CC BY 4.0"),
    "CC-BY-SA-4.0": _l("CC BY-SA 4.0"),
    "CC0-1.0": _l("CC0 1.0"),
}
LICENCE_URLS = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}
BUILDING_BLOCKS = {
    "consent": _l("Consent"),
    "digital-registries": _l("Digital Registries"),
    "identity": _l("Identity and Verification"),
    "information-mediator": _l("Information Mediator"),
    "messaging": _l("Messaging"),
    "payments": _l("Payments"),
    "registration": _l("Registration"),
    "scheduler": _l("Scheduler"),
    "workflow": _l("Workflow"),
    "other": _l("Another building block"),
}
SDGS = {
    "1": _l("No poverty"),
    "2": _l("Zero hunger"),
    "3": _l("Good health and well-being"),
    "4": _l("Quality education"),
    "5": _l("Gender equality"),
    "6": _l("Clean water and sanitation"),
    "7": _l("Affordable and clean energy"),
    "8": _l("Decent work and economic growth"),
    "9": _l("Industry, innovation and infrastructure"),
    "10": _l("Reduced inequalities"),
    "11": _l("Sustainable cities and communities"),
    "12": _l("Responsible consumption and production"),
    "13": _l("Climate action"),
    "14": _l("Life below water"),
    "15": _l("Life on land"),
    "16": _l("Peace, justice and strong institutions"),
    "17": _l("Partnerships for the goals"),
}
# The facets a version's tags belong to (LessonTag.facet) and their values.
TAG_VOCABULARIES = {"block": BUILDING_BLOCKS, "sdg": SDGS}


def sdg_label(number: str) -> str:
    """ "SDG 16: Peace, justice and strong institutions"."""
    return _l("SDG %(number)s: %(name)s", number=number, name=SDGS.get(number, ""))


def tag_label(facet: str, value: str) -> str:
    if facet == "sdg":
        return str(sdg_label(value))
    return str(BUILDING_BLOCKS.get(value, value))
