"""The cost budget: what rendering a text would cost, estimated before and while
Markdown runs, so pathological input is refused instead of taking seconds.

The numbers were fitted with `python -m community.text.calibrate` (beside this
module), which times the renderer on the inputs in the table below.
"""

import re
from collections import Counter
from collections.abc import Callable, Iterable
from xml.etree.ElementTree import Element

import markdown
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString


class TextRefused(ValueError):
    """User text we will not render; str(exc) is a clear, human message for the form."""


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# ---------------------------------------------------------------------------
# Bounding the work. Python-Markdown 3.11 and bleach 6.4 are slow on some inputs:
# each "[" (and "](") scans to its closing bracket, quadratic when none closes; so
# do unpaired runs of *, _ and `; each heading or rule line re-parses the rest of its
# block; each fence line may rescan to the end of the text; nesting recurses; and
# bleach's tree walker is quadratic in the length of a list or table. So the cost
# of each stage is estimated before it runs, and past WORK_BUDGET the text is
# refused, naming the biggest cause. Measured on this 2-core machine (busy with
# other test runs), CPU seconds; "before" is Python-Markdown alone, then bleach:
#
#   input                               before                 now: render, plain_text
#   "[" * 4000 | 8000 | 50_000          1.6 s | 6.3 s | >20 s  refused, <0.015 s
#   "[a](" * 2000 | 12_500              0.7 s | >20 s          refused, <0.015 s
#   "![" * 10_000                       19 s                   refused, 0.010 s
#   "1. " * 5000, 300 tab-nested "-"    RecursionError         refused, <0.005 s
#   ">" * 5000                          5000 nested quotes     refused, <0.001 s
#   "*" | "_" | "`" * 20_000            0.02 s                 renders, <0.015 s
#   "<" | "&" * 50_000                  0.03 s, then 0.5 s     refused, 0.015 s
#   "***" + "a*" * 24_998               2.0 s                  refused, 0.006 s
#   ` runs of length 1, 2 ... 299       0.3 s                  refused, 0.004 s
#   "# a\n" | "a\n=\n" | "- - -\n" ...  3.0 | 10.3 | 3.7 s     refused, <0.012 s
#   "```a\n" * 10_000                   3.4 s                  refused, 0.004 s
#   "- a\n\n" * 12_500                  0.24 s, then 2.6 s     refused, 0.12 s
#   "a|b\n-|-\n" * 6250                 0.5 s, then 4.3 s      refused, 0.10 s
#   "[" * 20 + "\\!" * 25_000           1.0 s                  refused, 0.010 s
#   an ordinary 50,000-character post   0.07 s                 renders, 0.07 s
#
# An ordinary post uses a quarter of the budget. Of 850 texts of 50,000 characters
# repeating random Markdown fragments, the slowest took 0.23 s.
# ---------------------------------------------------------------------------
MAX_SOURCE_LENGTH = 200_000  # forms cap bodies at 50,000: this only stops floods
MAX_NESTING = 20  # quotes, list markers and 4-column indents starting one line
WORK_BUDGET = 250_000_000  # estimated nanoseconds, on the machine measured above
_NANOSECONDS_PER = {  # unit of each cause, fitted to the timings above
    "fences": 25,  # character the fenced-code pattern scans, from a fence line on
    "splits": 16,  # heading or rule line x its block's length: the rest is re-parsed
    "blocks": 10_000,  # block, fenced block and level of nesting in each line
    "inline": 20_000,  # text the inline patterns run on, and each [, * run, `, \
    "brackets": 70,  # character scanned for a closing ] or ) (three patterns do)
    "emphasis": 3,  # run of * or _ x its text's length: an unpaired run scans on
    "backticks": 35,  # character scanned for a closing run of as many `
    "tags": 15_000,  # "<" in the HTML bleach parses
    "entities": 10_000,  # "&" in the HTML bleach parses
    "siblings": 21,  # bleach's tree walker finds an element's index by a scan
}
_TOO_MUCH = _l(
    "This text has too many paragraphs, list items, table cells, "
    "links or other formatting. Please split it into several "
    "shorter texts."
)
_REFUSALS = {
    "fences": _l("Too many lines start with ``` or ~~~. Please close each code block."),
    "splits": _l(
        "Too many headings or lines of only -, =, * or _ follow each "
        "other. Please put blank lines between them."
    ),
    "brackets": _l(
        "Too many [ or ( are never closed. Please close them, "
        "or put code in a code block between ``` lines."
    ),
    "emphasis": _l(
        "A paragraph has too many * or _. Please split it, "
        "or put code in a code block between ``` lines."
    ),
    "backticks": _l(
        "Too many ` are never closed. Please close them, "
        "or put code in a code block between ``` lines."
    ),
    "entities": _l("This text has too many <, > and & characters. Please shorten it."),
    "siblings": _l("A list or table is too long. Please split it into smaller ones."),
}
_NESTING_REFUSAL = _l(
    "Some lines are nested more than %(max_nesting)s levels deep "
    "(quotes with >, lists, or indentation). Please flatten them.",
    max_nesting=MAX_NESTING,
)
_FENCE_LINE = re.compile(r"^(`{3,}|~{3,})(.*)$", re.MULTILINE)
_RULE = re.compile(r"[ \t]*[-=*_][-=*_ \t]*")
_CONTAINER = re.compile(r"[ \t]*(?:>|[-+*][ \t]|\d{1,9}[.)][ \t])")
_SPLITTER = re.compile(r"[ \t]*(?:#|[-=*_ \t]+$)")
# Brackets, and what becomes a placeholder: code spans, escapes, entities, autolinks
# and line breaks.
_INLINE_SYMBOL = re.compile(r"[][()]|`+|\\.|&(?=#?\w+;)|<(?=[^<>]*>)|  \n")
_DELIMITER_RUN = re.compile(r"\*+|_+")
_BACKTICK_RUN = re.compile(r"`+")


class _Work(Counter):
    """Estimated nanoseconds of rendering, by cause; refuses text past the budget."""

    def add(self, cause: str, units: int) -> None:
        self[cause] += units * _NANOSECONDS_PER[cause]
        if self.total() > WORK_BUDGET:
            raise TextRefused(str(_REFUSALS.get(self.most_common(1)[0][0], _TOO_MUCH)))


def _check_source(source: str, work: _Work) -> str:
    """Charge for Markdown's block parsing before it runs; return the cleaned text."""
    if len(source) > MAX_SOURCE_LENGTH:
        raise TextRefused(
            _(
                "This text is %(len)s characters long. Please keep it under "
                "%(max_source_length)s.",
                len=format(len(source), ","),
                max_source_length=format(MAX_SOURCE_LENGTH, ","),
            )
        )
    text = _CONTROL_CHARACTERS.sub("", source.replace("\r\n", "\n").replace("\r", "\n"))
    # As Python-Markdown's first preprocessor does, so we find the fences it finds.
    normalised = re.sub(r"(?<=\n) +\n", "\n", text.expandtabs(4))
    fences = _FENCE_LINE.finditer(normalised)
    found = ((m.start(), m[1], not m[2].strip(" ")) for m in fences)
    work.add("fences", 2 * _scan_to_partners(found, len(normalised)))  # here and there
    outside_code, blocks = FencedBlockPreprocessor.FENCED_BLOCK_RE.subn("", normalised)
    work.add("blocks", blocks)
    for block in re.split(r"\n[ \t]*\n", outside_code):
        shapes = [_line_shape(line) for line in block.split("\n")]
        work.add("blocks", bool(block.strip()) + sum(depth for depth, _ in shapes))
        work.add("splits", sum(splits for _, splits in shapes) * len(block))
    return text


def _scan_to_partners(found: Iterable[tuple[int, str, bool]], end: int) -> int:
    """Sum of distances from each (position, kind, closes) to the next closing kind."""
    scanned, partner = 0, {}
    for position, kind, closes in reversed(list(found)):
        scanned += partner.get(kind, end) - position
        if closes:
            partner[kind] = position
    return scanned


def _line_shape(line: str) -> tuple[int, bool]:
    """How deep `line` is nested, and whether it is a heading or a rule."""
    if _RULE.fullmatch(line):  # "* * * *" is a rule, not four nested lists
        return 0, True
    position, depth = 0, (len(line) - len(line.lstrip())) // 4 if line.strip() else 0
    while depth <= MAX_NESTING and (match := _CONTAINER.match(line, position)):
        position, depth = match.end(), depth + 1
    if depth > MAX_NESTING:
        raise TextRefused(_NESTING_REFUSAL)
    return depth, bool(_SPLITTER.match(line, position))


_Charger = Callable[[Element, _Work], None]


class _Charge(Treeprocessor):
    """Runs `charge(root, work)` at its place among Markdown's tree processors."""

    def __init__(self, md: markdown.Markdown, work: _Work, charge: _Charger) -> None:
        super().__init__(md)
        self.work, self.charge = work, charge

    def run(self, root: Element) -> None:
        self.charge(root, self.work)


def _charge_inline_texts(root: Element, work: _Work) -> None:
    """Before the inline patterns run, charge for each text they will scan."""
    for element in root.iter():
        for text in (element.text, element.tail):
            if text and not isinstance(text, AtomicString):
                _charge_inline(text, work)


def _charge_inline(text: str, work: _Work) -> None:
    """Charge for the inline patterns on one paragraph, list item, cell or heading."""
    # Code spans, escapes, entities and autolinks become 14-character placeholders
    # before the link and emphasis patterns scan the text: count them that long.
    extra, distance, brackets, parens, after_bracket = 0, 0, [], [], -1
    for match in _INLINE_SYMBOL.finditer(text):
        symbol, position = match.group(), match.start() + extra
        if symbol == "[":
            brackets.append(position)
        elif symbol == "]":
            distance += position - brackets.pop() if brackets else 0
            after_bracket = match.end()
        elif symbol == "(":  # only "](" starts a scan for the closing ")"
            parens.append((position, match.start() == after_bracket))
        elif symbol == ")":
            start, scanned = parens.pop() if parens else (position, False)
            distance += (position - start) * scanned
        else:
            extra += 13
    end = len(text) + extra
    distance += sum(end - start for start in brackets)
    distance += sum(end - start for start, scanned in parens if scanned)
    runs = len(_DELIMITER_RUN.findall(text))
    ticks = ((m.start(), m.group(), True) for m in _BACKTICK_RUN.finditer(text))
    work.add("inline", 1 + extra // 13 + text.count("[") + runs)
    work.add("brackets", 3 * distance)  # three patterns scan from each "["
    work.add("emphasis", runs * end)  # an unpaired run scans to the end
    work.add("backticks", _scan_to_partners(ticks, len(text)))


def _charge_siblings(root: Element, work: _Work) -> None:
    """Charge for bleach's tree walk: leaving an element scans its parent's children."""
    for parent in root.iter():
        nested = sum(1 for child in parent if len(child) or _is_stashed(child))
        work.add("siblings", nested * len(parent))


def _is_stashed(element: Element) -> bool:
    """Whether `element` is a placeholder: fenced code, which becomes <pre><code>."""
    return (element.text or "").startswith("\x02")
