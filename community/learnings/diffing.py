"""What changed between two versions of a lesson, section by section (the
word diff itself is community.text's)."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from community.learnings.models import SECTIONS, LessonVersion
from community.text import word_diff

COMPARED = (("title", _l("Title")), ("summary", _l("Summary"))) + tuple(
    (f"{prefix}_source", heading) for prefix, heading in SECTIONS
)


@dataclass
class SectionDiff:
    heading: str
    changed: bool
    html: Markup


def facts(version: LessonVersion) -> list[tuple[str, str]]:
    """The structured fields as one line of text each, to compare word by word."""
    money = f"{version.cost_currency} {version.cost_amount}"
    return [
        (_l("Pilot"), version.pilot_name),
        (_l("Countries"), ", ".join(country.name for country in version.countries)),
        (_l("Sector"), version.sector_label),
        (_l("Digital public goods"), ", ".join(dpg.name for dpg in version.dpgs)),
        (_l("Stage"), version.stage_label),
        (_l("Year"), str(version.year)),
        (_l("Authors"), version.authors),
        (_l("Organisation"), version.organisation),
        (_l("Outcome"), f"{version.outcome} {version.outcome_figure}".strip()),
        (_l("Cost"), money if version.cost_amount is not None else ""),
        (_l("Duration in months"), str(version.duration_months or "")),
        (_l("GovStack building blocks"), _labels(version, "block")),
        (_l("Sustainable Development Goals"), _labels(version, "sdg")),
        (_l("Licence"), version.licence_label),
        (_l("Links to evidence"), " ".join(version.links)),
    ]


def _labels(version: LessonVersion, facet: str) -> str:
    return "; ".join(tag.label for tag in version.tags_of(facet))


def version_diff(old: LessonVersion, new: LessonVersion) -> list[SectionDiff]:
    """Title, summary, the structured fields and the four sections compared."""
    pairs = [
        (heading, getattr(old, attribute), getattr(new, attribute))
        for attribute, heading in COMPARED
    ]
    pairs[2:2] = [
        (heading, before, after)
        for (heading, before), (_same, after) in zip(
            facts(old), facts(new), strict=True
        )
    ]
    return [
        SectionDiff(heading, before != after, word_diff(before, after))
        for heading, before, after in pairs
    ]


def chosen_pair(
    versions: list[LessonVersion], old_number: int | None, new_number: int | None
) -> tuple[LessonVersion | None, LessonVersion] | None:
    """(older, newer) of the visible versions (newest first); without numbers,
    the newest and the one before it, or (None, it) for a first version.
    None when a number names no visible version."""
    by_number = {version.number: version for version in versions}
    new = by_number.get(new_number) if new_number is not None else None
    if new is None and (new_number is not None or not versions):
        return None
    new = new or versions[0]
    if old_number is not None:
        old = by_number.get(old_number)
        return (old, new) if old is not None else None
    earlier = [version for version in versions if version.number < new.number]
    return (earlier[0] if earlier else None), new
