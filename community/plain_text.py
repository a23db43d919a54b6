"""One-line names and titles: the one normaliser every form uses for them.

Control characters break layouts, e-mail subjects and logs; bidi overrides and
isolates (U+202A-U+202E, U+2066-U+2069) make "txt.exe" read as "exe.txt" and
let a name impersonate another; zero-width spaces make two names look alike.
They are removed, whitespace runs become one space, and the text is NFC, so
"é" typed two ways is one name. Joiners (U+200C, U+200D) stay: Persian, Indic
scripts and emoji need them.
"""

import re
import unicodedata

# Bidi embeddings, overrides, isolates and marks; the Arabic letter mark.
BIDI_CONTROLS = (
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
)
# Invisible characters that only make look-alikes (zero-width space, word joiner,
# invisible operators, byte order mark, soft hyphen, Hangul filler).
INVISIBLE = "\u200b\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad\u3164\u115f\u1160"
REMOVED = re.compile(f"[{BIDI_CONTROLS}{INVISIBLE}]")
WHITESPACE = re.compile(r"\s+")


def clean_line(value):
    """A name or title without control, bidi or invisible characters (a filter)."""
    if not isinstance(value, str):
        return value
    value = unicodedata.normalize("NFC", value)
    # Tabs, newlines and line separators become spaces; other controls go.
    value = "".join(
        " " if character.isspace() else character
        for character in value
        if character.isspace() or unicodedata.category(character) != "Cc"
    )
    value = REMOVED.sub("", value)
    return WHITESPACE.sub(" ", value).strip()
