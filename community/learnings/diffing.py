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


def version_diff(old: LessonVersion, new: LessonVersion) -> list[SectionDiff]:
    """Title, summary and the four sections compared."""
    result = []
    for attribute, heading in COMPARED:
        before, after = getattr(old, attribute), getattr(new, attribute)
        result.append(SectionDiff(heading, before != after, word_diff(before, after)))
    return result
