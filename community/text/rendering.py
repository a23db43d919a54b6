"""Markdown to sanitised HTML, with @mentions and links, in one pass.

Python-Markdown builds the HTML with raw HTML switched off, then bleach keeps only an
allowlist. Only the community.text package imports `markdown` or `bleach`
(tests/test_text.py checks).
"""

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html import unescape
from xml.etree.ElementTree import Element

import bleach
import markdown
from bleach.html5lib_shim import Filter
from flask_babel import gettext as _
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from community.text.budget import (
    _NESTING_REFUSAL,
    TextRefused,
    _Charge,
    _charge_inline_texts,
    _charge_siblings,
    _check_source,
    _Work,
)

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
# Up to the first space, quote or angle bracket; \x02 starts Markdown's placeholders.
_BARE_URL = re.compile(r"(?<![\w/@.='\"])https?://[^\s<>\"'`\x02\x03]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}*_~"


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
        _split_texts(root, self._mentions_in)

    def _names_in(self, parent: Element) -> Iterator[str]:
        """Every @name the walk below will find, in order."""
        if parent.text and "@" in parent.text:
            yield from _MENTION.findall(parent.text)
        for child in parent:
            if child.tag not in _NO_MENTIONS_INSIDE:
                yield from self._names_in(child)
            if child.tail and "@" in child.tail:
                yield from _MENTION.findall(child.tail)

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


Splitter = Callable[[str | None], tuple[str | None, list[Element]]]


def _split_texts(parent: Element, split: Splitter) -> None:
    """Run `split` over every text outside links and code; the elements it
    cuts out (links) take their place in the tree."""
    parent.text, children = split(parent.text)
    for child in list(parent):
        if child.tag not in _NO_MENTIONS_INSIDE:
            _split_texts(child, split)
        child.tail, links = split(child.tail)
        children += [child, *links]
    parent[:] = children


def _bare_links_in(text: str | None) -> tuple[str | None, list[Element]]:
    """Cut each bare http(s) address out of `text` as a link to itself."""
    if not text or "://" not in text:
        return text, []
    head, links, done = text, [], 0
    for match in _BARE_URL.finditer(text):
        address = _without_trailing_punctuation(match.group())
        before = text[done : match.start()]
        if links:
            links[-1].tail = before
        else:
            head = before
        links.append(Element("a", href=address))
        links[-1].text = address
        done = match.start() + len(address)
    if links:
        links[-1].tail = text[done:]
    return head, links


def _without_trailing_punctuation(address: str) -> str:
    """ "(see https://x.org/a)." links https://x.org/a; a ")" the address
    opened itself stays (Wikipedia's "Foo_(bar)")."""
    while address[-1] in _TRAILING:
        if address[-1] == ")" and address.count("(") >= address.count(")"):
            break
        address = address[:-1]
    return address


class _BareLinks(Treeprocessor):
    """Bare addresses become links, before links are counted for the caps."""

    def run(self, root: Element) -> None:
        _split_texts(root, _bare_links_in)


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
    md.treeprocessors.register(_BareLinks(md), "bare_links", 17)
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
    """Gives every <a> left after cleaning our rel, whatever the source said,
    and every <pre> a keyboard stop with a name, so a wide code block scrolls
    by keyboard (axe: scrollable-region-focusable)."""

    def __iter__(self) -> Iterator[dict]:
        for token in super().__iter__():
            if token["type"] in ("StartTag", "EmptyTag") and token["name"] == "a":
                token["data"][(None, "rel")] = LINK_REL
            if token["type"] == "StartTag" and token["name"] == "pre":
                token["data"][(None, "tabindex")] = "0"
                token["data"][(None, "aria-label")] = _("Code")
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
