"""What changed between two texts, word by word, as safe markup.

Every piece of user text is escaped before it is wrapped in <ins>/<del>, so a
diff of hostile Markdown is still only text. Lessons' versions and posts'
revisions both use it.
"""

import difflib
import re

from markupsafe import Markup, escape

TOKEN = re.compile(r"\s+|[^\s]+")


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
