"""User-written Markdown to safe HTML and plain text: the only module that renders it.

Python-Markdown builds the HTML with raw HTML switched off, then bleach keeps only an
allowlist. Only this module imports `markdown` or `bleach` (tests/test_text.py checks).
"""

import re
from collections import Counter
from collections.abc import Iterable
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
# Bounding the work
#
# TIMINGS
# ---------------------------------------------------------------------------
MAX_SOURCE_LENGTH = 200_000  # forms cap bodies at 50,000: this only stops floods
MAX_NESTING = 20  # quotes, list markers and 4-column indents starting one line
WORK_BUDGET = 250_000_000  # estimated nanoseconds, on the machine measured above
_NANOSECONDS_PER = {  # one unit of each cost, fitted to the measurements above
    "fences": 7,  # fence line x text length: the fence pattern rescans to the end
    "splits": 16,  # heading or rule line x block length: the rest is re-parsed
    "units": 20_000,  # each paragraph, list item, heading, table cell
    "brackets": 35,  # characters scanned for a closing "]" or ")"
    "emphasis": 3,  # run of * or _ x paragraph length: unpaired ones scan on
    "backticks": 25,  # run of ` x paragraph length: unpaired ones scan on
    "tags": 11_000,  # each "<" of the HTML bleach parses
    "entities": 10_000,  # each "&" of the HTML bleach parses
    "siblings": 21,  # bleach's tree walker finds an element's index linearly
}
_REFUSALS = {
    "fences": "Too many lines start with ``` or ~~~. Please close each code block.",
    "splits": "Too many headings or lines of only -, =, * or _ follow each other."
    " Please put blank lines between them.",
    "units": "This text has too many paragraphs, list items or table cells."
    " Please split it into several shorter texts.",
    "brackets": "Too many [ or ( are never closed. Please close them, or put code"
    " in a code block between ``` lines.",
    "emphasis": "A paragraph has too many * or _ characters. Please split it, or"
    " put code in a code block between ``` lines.",
    "backticks": "A paragraph has too many unmatched backticks (`). Please close"
    " them, or put code in a code block between ``` lines.",
    "tags": "This text has too much formatting (links, emphasis, lists, tables)."
    " Please split it into several shorter texts.",
    "entities": "This text has too many <, > and & characters. Please shorten it.",
    "siblings": "A list or table is too long. Please split it into smaller ones.",
    "nesting": f"Some lines are nested more than {MAX_NESTING} levels deep (quotes"
    " with >, lists, or indentation). Please flatten them.",
}
_FENCE_LINE = re.compile(r"^(`{3,}|~{3,})(.*)$", re.MULTILINE)
_RULE = re.compile(r"[ \t]*[-=*_][-=*_ \t]*")
_CONTAINER = re.compile(r"[ \t]*(?:>|[-+*][ \t]|\d{1,9}[.)][ \t])")
_SPLITTER = re.compile(r"[ \t]*(?:#|[-=*_ \t]+$)")
_INLINE_SYMBOL = re.compile(r"[][()]|[\\`&<]|  \n")
_DELIMITER_RUN = re.compile(r"\*+|_+")
_BACKTICK_RUN = re.compile(r"`+")


class _Work(Counter):
    """Estimated nanoseconds of rendering so far, by cause; refuses past the budget."""

    def add(self, cause: str, units: int) -> None:
        self[cause] += units * _NANOSECONDS_PER[cause]
        if self.total() > WORK_BUDGET:
            raise TextRefused(_REFUSALS[self.most_common(1)[0][0]])


def _check_source(source: str, work: _Work) -> str:
    """Charge for the block structure Markdown is slow on; return the cleaned text."""
    if len(source) > MAX_SOURCE_LENGTH:
        raise TextRefused(
            f"This text is {len(source):,} characters long. Please keep it under"
            f" {MAX_SOURCE_LENGTH:,}."
        )
    text = _CONTROL_CHARACTERS.sub("", source.replace("\r\n", "\n").replace("\r", "\n"))
    # What Python-Markdown's first preprocessor does, so the fences found are its own.
    normalised = re.sub(r"(?<=\n) +\n", "\n", text.expandtabs(4))
    work.add("fences", _fence_scan_length(normalised))
    outside_code = FencedBlockPreprocessor.FENCED_BLOCK_RE.sub("", normalised)
    for block in re.split(r"\n[ \t]*\n", outside_code):
        work.add("splits", sum(map(_splits_block, block.split("\n"))) * len(block))
    return text


def _fence_scan_length(text: str) -> int:
    """How far the fenced-code pattern may scan: from each fence line to its closer."""
    scanned, next_closer = 0, {}
    for match in reversed(list(_FENCE_LINE.finditer(text))):
        fence, rest = match.groups()
        scanned += next_closer.get(fence, len(text)) - match.start()
        if not rest.strip(" "):
            next_closer[fence] = match.start()
    return 2 * scanned  # once here, once in Markdown


def _splits_block(line: str) -> bool:
    """Whether `line` is a heading or a rule; refuses it if nested too deeply."""
    if _RULE.fullmatch(line):  # "* * * *" is a rule, not four nested lists
        return True
    position, depth = 0, (len(line) - len(line.lstrip())) // 4 if line.strip() else 0
    while depth <= MAX_NESTING and (match := _CONTAINER.match(line, position)):
        position, depth = match.end(), depth + 1
    if depth > MAX_NESTING:
        raise TextRefused(_REFUSALS["nesting"])
    return bool(_SPLITTER.match(line, position))


class _InlineGuard(Treeprocessor):
    """Runs just before the inline patterns and charges for the texts they scan."""

    def __init__(self, md: markdown.Markdown, work: _Work) -> None:
        super().__init__(md)
        self.work = work

    def run(self, root: Element) -> None:
        for element in root.iter():
            for text in (element.text, element.tail):
                if text and not isinstance(text, AtomicString):
                    _charge_inline(text, self.work)


def _charge_inline(text: str, work: _Work) -> None:
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
    work.add("units", 1)
    work.add("brackets", 3 * distance)  # three patterns scan from each "["
    work.add("emphasis", end * len(_DELIMITER_RUN.findall(text)))
    work.add("backticks", end * len(_BACKTICK_RUN.findall(text)))


class _OutputGuard(Treeprocessor):
    """Charges for bleach's tree walk, which is quadratic in long lists and tables."""

    def __init__(self, md: markdown.Markdown, work: _Work) -> None:
        super().__init__(md)
        self.work = work

    def run(self, root: Element) -> None:
        for top in root:  # leaving a top-level element costs nothing
            for parent in top.iter():
                nested = sum(1 for child in parent if len(child))
                self.work.add("siblings", nested * len(parent))


class _LinksAndMentions(Treeprocessor):
    """Turns images into links and known @mentions into profile links."""

    def __init__(self, md: markdown.Markdown, mentions: Iterable[str]) -> None:
        super().__init__(md)
        self.known = {name.casefold(): name for name in mentions}
        self.found: list[str] = []

    def run(self, root: Element) -> None:
        for element in root.iter("img"):
            source, title = element.get("src", ""), element.get("title")
            element.tag, element.text = "a", element.get("alt") or source
            element.attrib = {"href": source} | ({"title": title} if title else {})
        self._walk(root)

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


def _markdown_to_html(source: str, mentions: Iterable[str] = ()) -> tuple[str, list]:
    """Unsanitised HTML and the @names found; TextRefused if it would take too long."""
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
    md.treeprocessors.register(_InlineGuard(md, work), "inline_guard", 25)
    md.treeprocessors.register(links, "links_and_mentions", 15)  # after "inline"
    md.treeprocessors.register(_OutputGuard(md, work), "output_guard", 14)
    try:
        html = md.convert(text)
    except RecursionError:
        raise TextRefused(_REFUSALS["nesting"]) from None
    work.add("tags", html.count("<"))
    work.add("entities", html.count("&"))
    return html, links.found


class _LinkRel(Filter):
    """Gives every <a> left after cleaning our rel, whatever the source said."""

    def __iter__(self):
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


def render_markdown(source: str, mentions: Iterable[str] = ()) -> Markup:
    """Sanitised HTML of `source`; each "@name" for a name in `mentions` links to it."""
    html, _ = _markdown_to_html(source, mentions)
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
    _, found = _markdown_to_html(source)
    return list({name.casefold(): name for name in reversed(found)}.values())[::-1]


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


_BLOCK_TAGS = frozenset(["p", "pre", "blockquote", "table", "ul", "ol", "hr"])
_BLOCK_TAGS |= {"h1", "h2", "h3", "h4", "h5", "h6"}
_LINE_TAGS = frozenset({"li", "tr", "br"})


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
