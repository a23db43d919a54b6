"""User-written Markdown to safe HTML and plain text: the only package that renders it.

- rendering.py: Markdown to sanitised HTML, mentions and links, in one pass;
- budget.py: the cost budget that refuses pathological text (and calibrate.py,
  the script that fitted its numbers);
- plain.py: readable plain text for feeds, calendars and search;
- mail.py: stored HTML made fit for e-mail (inline styles, absolute links);
- diff.py: a word diff of two texts, escaped, for edit histories.

Everyone imports from here: `from community.text import render_markdown`.
"""

from community.text.budget import MAX_NESTING, MAX_SOURCE_LENGTH, TextRefused
from community.text.diff import word_diff
from community.text.mail import mail_html, mail_text
from community.text.plain import excerpt, plain_text, stored_html_text
from community.text.rendering import (
    ALLOWED_PROTOCOLS,
    ALLOWED_TAGS,
    LINK_REL,
    Mentions,
    Rendered,
    find_mentions,
    linked_usernames,
    markdown,
    render,
    render_markdown,
)

__all__ = [
    "ALLOWED_PROTOCOLS",
    "ALLOWED_TAGS",
    "LINK_REL",
    "MAX_NESTING",
    "MAX_SOURCE_LENGTH",
    "Mentions",
    "Rendered",
    "TextRefused",
    "excerpt",
    "find_mentions",
    "linked_usernames",
    "mail_html",
    "mail_text",
    "markdown",
    "plain_text",
    "render",
    "render_markdown",
    "stored_html_text",
    "word_diff",
]
