"""User-written Markdown to safe HTML and plain text: the only module that renders it.

Python-Markdown builds the HTML with raw HTML switched off, then bleach keeps only an
allowlist. Only this module imports `markdown` or `bleach` (tests/test_text.py checks).
"""

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from xml.etree.ElementTree import Element

import bleach
import markdown
from bleach.html5lib_shim import Filter
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from markupsafe import Markup


class TextRefused(ValueError):
    """User text we will not render; str(exc) is a clear, human message for the form."""


# No <img>: pictures from anywhere would add page weight for people on metered
# connections and let any server log who read a post. `![alt](url)` becomes a link.
# No <h1>: the page title is the only h1; a user's `# Title` is stripped to its text.
ALLOWED_TAGS = frozenset(
    ["p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "del", "code"]
    + ["pre", "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody"]
    + ["tr", "th", "td"]
)
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow ugc noopener"
_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
_LANGUAGE_CLASS = re.compile(r"language-[A-Za-z0-9_+#-]{1,30}")
# On top of bleach's scheme check: site paths ("/u/ann", not "//host") and fragments.
_SAFE_HREF = re.compile(r"(?:https?:|mailto:|/(?![/\\])|#)", re.IGNORECASE)
_MENTION = re.compile(r"(?<![\w.+/=-])@([A-Za-z0-9_-]{3,30})(?![\w-]|@|\.\w)")
_NO_MENTIONS_INSIDE = frozenset({"a", "code", "pre"})
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
_TOO_MUCH = (
    "This text has too many paragraphs, list items, table cells, links or other"
    " formatting. Please split it into several shorter texts."
)
_CODE = "or put code in a code block between ``` lines."
_REFUSALS = {
    "fences": "Too many lines start with ``` or ~~~. Please close each code block.",
    "splits": "Too many headings or lines of only -, =, * or _ follow each other."
    " Please put blank lines between them.",
    "brackets": f"Too many [ or ( are never closed. Please close them, {_CODE}",
    "emphasis": f"A paragraph has too many * or _. Please split it, {_CODE}",
    "backticks": f"Too many ` are never closed. Please close them, {_CODE}",
    "entities": "This text has too many <, > and & characters. Please shorten it.",
    "siblings": "A list or table is too long. Please split it into smaller ones.",
}
_NESTING_REFUSAL = (
    f"Some lines are nested more than {MAX_NESTING} levels deep (quotes with >,"
    " lists, or indentation). Please flatten them."
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
            raise TextRefused(_REFUSALS.get(self.most_common(1)[0][0], _TOO_MUCH))


def _check_source(source: str, work: _Work) -> str:
    """Charge for Markdown's block parsing before it runs; return the cleaned text."""
    if len(source) > MAX_SOURCE_LENGTH:
        raise TextRefused(
            f"This text is {len(source):,} characters long. Please keep it under"
            f" {MAX_SOURCE_LENGTH:,}."
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


Mentions = Iterable[str] | Callable[[list[str]], Iterable[str]]


class _LinksAndMentions(Treeprocessor):
    """Turns images into links and known @mentions into profile links.

    `mentions` names the known accounts, or is a function asked once, with the
    distinct @names found, which of them are known (one query, in the same pass).
    """

    def __init__(self, md: markdown.Markdown, mentions: Mentions) -> None:
        super().__init__(md)
        self.mentions = mentions
        self.known: dict[str, str] = {}
        self.found: list[str] = []
        self.link_count = 0

    def run(self, root: Element) -> None:
        for element in root.iter("img"):
            source, title = element.get("src", ""), element.get("title")
            element.tag, element.text = "a", element.get("alt") or source
            element.attrib = {"href": source} | ({"title": title} if title else {})
        self.link_count = sum(1 for _ in root.iter("a"))
        known = self.mentions
        if callable(known):
            known = (
                known(_distinct(self._names_in(root))) if "@" in _all_text(root) else ()
            )
        self.known = {name.casefold(): name for name in known}
        self._walk(root)

    def _names_in(self, parent: Element) -> Iterator[str]:
        """Every @name the walk below will find, in order."""
        if parent.text and "@" in parent.text:
            yield from _MENTION.findall(parent.text)
        for child in parent:
            if child.tag not in _NO_MENTIONS_INSIDE:
                yield from self._names_in(child)
            if child.tail and "@" in child.tail:
                yield from _MENTION.findall(child.tail)

    def _walk(self, parent: Element) -> None:
        parent.text, children = self._mentions_in(parent.text)
        for child in list(parent):
            if child.tag not in _NO_MENTIONS_INSIDE:
                self._walk(child)
            child.tail, links = self._mentions_in(child.tail)
            children += [child, *links]
        parent[:] = children

    def _mentions_in(self, text: str | None) -> tuple[str | None, list[Element]]:
        """Record each @name in `text`; split known ones out as links that follow it."""
        if not text or "@" not in text:
            return text, []
        pieces = _MENTION.split(text)  # text, name, text, name, ..., text
        self.found += pieces[1::2]
        head, links = pieces[0], []
        for name, after in zip(pieces[1::2], pieces[2::2], strict=True):
            username = self.known.get(name.casefold())
            if username is None and links:
                links[-1].tail += f"@{name}{after}"
            elif username is None:
                head += f"@{name}{after}"
            else:
                links.append(Element("a", href=f"/u/{username}"))
                links[-1].text, links[-1].tail = f"@{name}", after
        return head, links


def _all_text(root: Element) -> str:
    return "".join(root.itertext())


def _distinct(names: Iterable[str]) -> list[str]:
    """Each name once, as first typed (names are case-insensitive)."""
    first_spelling: dict[str, str] = {}
    for name in names:
        first_spelling.setdefault(name.casefold(), name)
    return list(first_spelling.values())


def _markdown_to_html(
    source: str, mentions: Mentions = ()
) -> tuple[str, _LinksAndMentions]:
    """Unsanitised HTML, and the pass's mentions and links; TextRefused if it
    would take too long."""
    work = _Work()
    text = _check_source(source, work)
    md = markdown.Markdown(
        extensions=["fenced_code", "tables", "sane_lists"],
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )
    # Raw HTML stays text: "<b>" shows as typed and is never markup.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    links = _LinksAndMentions(md, mentions)
    charge_inline = _Charge(md, work, _charge_inline_texts)
    md.treeprocessors.register(charge_inline, "charge_inline", 25)  # before "inline"
    md.treeprocessors.register(links, "links_and_mentions", 15)
    md.treeprocessors.register(_Charge(md, work, _charge_siblings), "charge_tree", 14)
    try:
        html = md.convert(text)
    except RecursionError:
        raise TextRefused(_NESTING_REFUSAL) from None
    work.add("tags", html.count("<"))
    work.add("entities", html.count("&"))
    return html, links


class _LinkRel(Filter):
    """Gives every <a> left after cleaning our rel, whatever the source said."""

    def __iter__(self) -> Iterator[dict]:
        for token in super().__iter__():
            if token["type"] in ("StartTag", "EmptyTag") and token["name"] == "a":
                token["data"][(None, "rel")] = LINK_REL
            yield token


def _allow_attribute(tag: str, name: str, value: str) -> bool:
    if tag == "code" and name == "class":
        return bool(_LANGUAGE_CLASS.fullmatch(value))
    if tag == "a" and name == "href":  # bleach hands over values with entities
        return bool(_SAFE_HREF.match(unescape(value)))
    return name in _ATTRIBUTES.get(tag, ())


@dataclass(frozen=True)
class Rendered:
    """One Markdown pass: the sanitised HTML, the @names found (each once, as
    first typed) and how many links the text makes (mentions not counted)."""

    html: Markup
    mentions: list[str]
    link_count: int


def render(source: str, mentions: Mentions = ()) -> Rendered:
    """Sanitised HTML of `source` with what it mentions and links, in one pass.

    `mentions` is the known names, or a function given the @names found that
    returns the known ones; each known "@name" links to its profile.
    """
    html, links = _markdown_to_html(source, mentions)
    return Rendered(_clean(html), _distinct(links.found), links.link_count)


def render_markdown(source: str, mentions: Mentions = ()) -> Markup:
    """Sanitised HTML of `source`; each "@name" for a name in `mentions` links to it."""
    html, _ = _markdown_to_html(source, mentions)
    return _clean(html)


def _clean(html: str) -> Markup:
    cleaner = bleach.Cleaner(  # one per call: a Cleaner is not thread-safe
        tags=ALLOWED_TAGS,
        attributes=_allow_attribute,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[_LinkRel],
    )
    return Markup(cleaner.clean(html))  # noqa: S704 - cleaned against the allowlist


def find_mentions(source: str) -> list[str]:
    """The distinct @names outside code, links and e-mail addresses, as first typed."""
    _, links = _markdown_to_html(source)
    return _distinct(links.found)


_PROFILE_LINK = re.compile(r'<a href="/u/([A-Za-z0-9_-]{3,30})"')


def linked_usernames(html: str) -> set[str]:
    """The profiles stored HTML (our own output) links to: who a post mentioned."""
    return {name.casefold() for name in _PROFILE_LINK.findall(html)}


_BLOCK_TAGS = frozenset(
    ["p", "pre", "blockquote", "table", "ul", "ol", "hr"]
    + ["h1", "h2", "h3", "h4", "h5", "h6"]
)
_LINE_TAGS = frozenset({"li", "tr", "br"})


class _PlainText(HTMLParser):
    """Collects readable lines: a blank line between blocks, "- " before list items."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._words: list[str] = []
        self._prefix, self._in_pre, self._new_block = "", False, False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._end_line(tag)
        self._in_pre = self._in_pre or tag == "pre"
        self._prefix = "- " if tag == "li" else self._prefix

    def handle_endtag(self, tag: str) -> None:
        self._end_line(tag)
        self._in_pre = self._in_pre and tag != "pre"
        if tag in ("th", "td"):
            self._words.append(" ")

    def handle_data(self, data: str) -> None:
        self._words.append(data)

    def _end_line(self, tag: str) -> None:
        if tag not in _BLOCK_TAGS and tag not in _LINE_TAGS:
            return
        text, self._words = "".join(self._words), []
        lines = text.split("\n") if self._in_pre else [" ".join(text.split())]
        for line in filter(str.strip, lines):
            if self._new_block and self.lines:
                self.lines.append("")
            self.lines.append(self._prefix + line.rstrip())
            self._prefix, self._new_block = "", False
        self._new_block = self._new_block or tag in _BLOCK_TAGS


def plain_text(source: str, limit: int | None = None) -> str:
    """Readable text (not HTML: escape it), cut at a word and ended "…" past `limit`."""
    html, _ = _markdown_to_html(source)
    parser = _PlainText()
    parser.feed(html)
    parser.close()
    text = "\n".join(parser.lines)
    if limit is None or len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)]
    if not text[len(cut)].isspace() and re.search(r"\s", cut):
        cut = re.sub(r"\s+\S*$", "", cut)
    return cut.rstrip() + "…"


_ANY_TAG = re.compile(r"<[^>]*>")


def stored_html_text(html: str) -> str:
    """Words of HTML this module already rendered and stored, for search indexing.

    Cheap (no Markdown pass), and only for our own sanitised output: the result
    is plain text, so whoever shows it must escape it.
    """
    return " ".join(unescape(_ANY_TAG.sub(" ", html)).split())
