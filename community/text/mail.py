"""Stored post HTML made fit for e-mail: cleaned again, inline styles, absolute links.

Mail clients drop <style> blocks and many ignore classes, so each allowed tag gets
a style attribute; there are no images (the renderer never keeps any) and links
to the site's own paths become absolute, because a mail has no base URL.
"""

from collections.abc import Iterator
from html import unescape

import bleach
from bleach.html5lib_shim import Filter
from markupsafe import Markup

from community.text.plain import _PlainText
from community.text.rendering import ALLOWED_PROTOCOLS, ALLOWED_TAGS, LINK_REL

_QUOTE = "margin:0 0 12px;padding:0 0 0 12px;border-left:3px solid #c8c8c8;color:#444"
_CELL = "border:1px solid #c8c8c8;padding:4px 6px;text-align:left"
# (tag, inline style) pairs; mail clients ignore <style> blocks and classes.
_STYLE_RULES = [
    ("p", "margin:0 0 12px"),
    ("blockquote", _QUOTE),
    ("pre", "margin:0 0 12px;padding:8px;background:#f3f3f3;white-space:pre-wrap"),
    ("code", "font-family:Consolas,Menlo,monospace;font-size:90%"),
    ("a", "color:#0b4f8a;text-decoration:underline"),
    ("table", "border-collapse:collapse;margin:0 0 12px"),
    ("th", _CELL),
    ("td", _CELL),
    ("h2", "font-size:18px;margin:12px 0 8px"),
    ("h3", "font-size:16px;margin:12px 0 8px"),
    ("ul", "margin:0 0 12px;padding-left:24px"),
    ("ol", "margin:0 0 12px;padding-left:24px"),
]
STYLES = dict(_STYLE_RULES)
_ATTRIBUTES = {"a": {"href", "title"}}


def _mail_filter(site_url: str) -> type[Filter]:
    class _InlineStyles(Filter):
        def __iter__(self) -> Iterator[dict]:
            for token in super().__iter__():
                if token["type"] in ("StartTag", "EmptyTag"):
                    data = token["data"]
                    if token["name"] in STYLES:
                        data[(None, "style")] = STYLES[token["name"]]
                    href = data.get((None, "href"), "")
                    if token["name"] == "a" and href.startswith("/"):
                        data[(None, "href")] = site_url + href
                    if token["name"] == "a":
                        data[(None, "rel")] = LINK_REL
                yield token

    return _InlineStyles


def _allow(tag: str, name: str, value: str) -> bool:
    if tag == "a" and name == "href":
        href = unescape(value)
        return href.startswith(("http:", "https:", "mailto:")) or (
            href.startswith("/") and not href.startswith(("//", "/\\"))
        )
    return name in _ATTRIBUTES.get(tag, ())


def mail_html(stored_html: str, site_url: str) -> Markup:
    """Our stored, sanitised post HTML, cleaned again and styled inline for mail."""
    cleaner = bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=_allow,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        filters=[_mail_filter(site_url.rstrip("/"))],
    )
    return Markup(cleaner.clean(stored_html))  # noqa: S704 - cleaned against the allowlist


def mail_text(stored_html: str) -> str:
    """Stored post HTML as readable plain text for the text/plain part."""
    parser = _PlainText()
    parser.feed(stored_html)
    parser.close()
    return "\n".join(parser.lines)
