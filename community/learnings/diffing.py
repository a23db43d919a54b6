"""What changed between two versions, word by word, as safe markup.

Every piece of user text is escaped before it is wrapped in <ins>/<del>, so a
diff of hostile Markdown is still only text.
"""

import difflib
import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from community.learnings.models import SECTIONS, LessonVersion

TOKEN = re.compile(r"\s+|[^\s]+")
COMPARED = (("title", _l("Title")), ("summary", _l("Summary"))) + tuple(
    (f"{prefix}_source", heading) for prefix, heading in SECTIONS
)


@dataclass
class SectionDiff:
    heading: str
    changed: bool
    html: Markup


def word_diff(old: str, new: str) -> Markup:
    """The new text with removed words in <del> and added words in <ins>."""
    before, after = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    parts: list[Markup] = []
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        removed = escape("".join(before[a_start:a_end]))
        added = escape("".join(after[b_start:b_end]))
        if operation == "equal":
            parts.append(added)
            continue
        if operation in ("delete", "replace"):
            parts.append(Markup("<del>{}</del>").format(removed))
        if operation in ("insert", "replace"):
            parts.append(Markup("<ins>{}</ins>").format(added))
    return Markup("").join(parts)


def version_diff(old: LessonVersion, new: LessonVersion) -> list[SectionDiff]:
    """Title, summary and the four sections compared."""
    result = []
    for attribute, heading in COMPARED:
        before, after = getattr(old, attribute), getattr(new, attribute)
        result.append(SectionDiff(heading, before != after, word_diff(before, after)))
    return result
