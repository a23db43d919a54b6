"""The new text of a reply by e-mail: quoted mail, attributions and signatures cut."""

import re

# "On Tue, 1 Dec 2026 at 10:00, Ravi <r@x> wrote:" and its common translations;
# Gmail may wrap it over two lines, so a line is also tried joined to the next.
_ATTRIBUTION = re.compile(
    r"^(On\b.+\bwrote|Le\b.+\ba écrit|El\b.+\bescribió|Em\b.+\bescreveu)\s?:\s*$",
    re.IGNORECASE,
)
_CUT_HERE = (
    re.compile(r"^-{2,}\s*Original Message\s*-{2,}", re.IGNORECASE),
    re.compile(r"^_{10,}\s*$"),  # Outlook's rule above the quoted headers
    re.compile(r"^(From|De|Von):\s.*@.+$"),  # a quoted header block
    re.compile(r"^Sent from my\b", re.IGNORECASE),
    re.compile(r"^Get Outlook for\b", re.IGNORECASE),
)
_MBOX_FROM = re.compile(r"^>+From ")
SIGNATURE = re.compile(r"^--\s?$")  # RFC 3676's "-- " (and the common "--")


def new_text(body: str) -> str:
    """The lines the person wrote above the quote, signature or attribution."""
    lines = body.replace("\r\n", "\n").split("\n")
    kept: list[str] = []
    for number, line in enumerate(lines):
        if _MBOX_FROM.match(line):  # ">From " is an escaped "From ", not a quote
            line = line[1:]
        joined = line + " " + (lines[number + 1] if number + 1 < len(lines) else "")
        if SIGNATURE.match(line) or _ATTRIBUTION.match(line.strip()):
            break
        if _ATTRIBUTION.match(joined.strip()) and line.strip().lower()[:3] in (
            "on ",
            "le ",
            "el ",
            "em ",
        ):
            break
        if any(pattern.match(line.strip()) for pattern in _CUT_HERE):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line.rstrip())
    return "\n".join(kept).strip()
