"""Finding user-facing text that is not marked for translation.

Templates: every text node and every human-readable attribute (placeholder, title,
alt, aria-label, a button's value) must come from ``_()``/``ngettext()``, and so
must string literals inside ``{{ }}``/``{% %}`` that read as words.
Python: the first argument of ``flash()``, WTForms field labels, ``message=``,
``description=``, ``ValidationError`` and ``abort`` descriptions must be a
gettext call, not a bare string.
"""

import ast
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from jinja2 import Environment

ROOT = Path(__file__).resolve().parents[2]
LETTERS = re.compile(r"[^\W\d_]{2,}")
HUMAN_ATTRIBUTES = {"placeholder", "title", "alt", "aria-label"}
GETTEXT_NAMES = {"_", "gettext", "ngettext", "lazy_gettext", "_l", "lazy_ngettext"}
GETTEXT_NAMES |= {"pgettext", "npgettext", "lazy_pgettext"}
# Names, codes and formats that read the same in every language.
NOT_WORDS = re.compile(
    r"^(%[-\w%:, /.()]*|"
    r"UTC|iCalendar|Markdown|Outlook\.com|Google Calendar|"
    r"webcal:.*|https?:.*|/[\w./-]*)$"
)
# Literals such as 'going', 'dpg_tags-help' or 'events.show_event' are identifiers.
IDENTIFIER = re.compile(
    r"^([a-z0-9_.\-/:#?=&]+|[A-Z0-9_ ]+|[A-Z]\w+Field|[A-Z]\w*(/[\w+-]+)+)$"
)
PLACEHOLDER = "\x00"
CLASS_NAMES = re.compile(r"^( ?[a-z]*[-_][\w-]*| ?button)+$")


class _TextFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        attributes = dict(attrs)
        for name, value in attrs:
            human = name in HUMAN_ATTRIBUTES or (
                name == "value" and attributes.get("type") in ("submit", "button")
            )
            if human and value and LETTERS.search(value.replace(PLACEHOLDER, "")):
                self.found.append(f"{name}={value!r}")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)

    def handle_data(self, data):
        text = data.replace(PLACEHOLDER, " ").strip()
        if not self.skip and LETTERS.search(text) and not NOT_WORDS.match(text):
            self.found.append(text)


def _reads_as_words(value: str) -> bool:
    if not LETTERS.search(value) or NOT_WORDS.match(value) or IDENTIFIER.match(value):
        return False
    return " " in value.strip() or value[:1].isupper()


def unmarked_in_template(source: str, env: Environment) -> list[str]:
    """Bare text nodes, attributes and word-like literals in one template."""
    html = []
    found = []
    tokens = [t for t in env.lex(source) if t[1] != "whitespace"]
    stack: list[bool] = []  # one entry per open "(": is it a gettext call?
    for index, (_line, kind, value) in enumerate(tokens):
        if kind == "data":
            html.append(value)
            continue
        if kind == "variable_begin":
            html.append(PLACEHOLDER)
        elif kind == "block_begin":
            html.append(" ")
        previous = tokens[index - 1][2] if index else ""
        if kind == "operator" and value == "(":
            stack.append(previous in GETTEXT_NAMES)
        elif kind == "operator" and value == ")" and stack:
            stack.pop()
        elif kind == "string" and _reads_as_words(ast.literal_eval(value)):
            called = bool(stack) and stack[-1] and previous in ("(", ",")
            keyword = [t[2] for t in tokens[index - 2 : index]] == ["class_", "="]
            if not called and not keyword and not CLASS_NAMES.match(value):
                found.append(f"literal {value!r}")
    parser = _TextFinder()
    # A heading level from a variable (<h{{ level }}>) is still a heading.
    html = re.sub(r"<(/?)h" + PLACEHOLDER, r"<\1h3", "".join(html))
    # Attributes from a call (<span{{ content_lang(code) }}>) are still a tag.
    parser.feed(re.sub(r"<(\w+)" + PLACEHOLDER, r"<\1 " + PLACEHOLDER, html))
    return parser.found + found


def unmarked_templates(env: Environment) -> dict[str, list[str]]:
    result = {}
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.suffix not in (".html", ".txt", ".ics") or not path.is_file():
            continue
        problems = unmarked_in_template(path.read_text(encoding="utf-8"), env)
        if problems:
            result[str(path.relative_to(ROOT))] = problems
    return result


WTFORMS_FIELDS = re.compile(r"^\w*Field$")
TEXT_KEYWORDS = {"message", "description", "label"}
TEXT_CALLS = {"flash", "ValidationError", "StopValidation", "required", "require"}


def _is_bare_text(node: ast.AST) -> bool:
    if isinstance(node, ast.JoinedStr):
        return True
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and (_reads_as_words(node.value))
    )


def _call_name(node: ast.Call) -> str:
    func = node.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def label_dicts(tree: ast.Module) -> list[ast.AST]:
    """Values of module-level {"code": "Label"} tables (kinds, types, sectors)."""
    values = []
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(
            node.value, ast.Dict
        ):
            pairs = zip(node.value.keys, node.value.values, strict=True)
            values += [
                value
                for key, value in pairs
                if isinstance(key, ast.Constant) and isinstance(key.value, str)
            ]
    return values


def text_candidates(tree: ast.Module) -> list[ast.AST]:
    """Every expression a person will read: messages, labels, choices, tables."""
    found = label_dicts(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        if name in TEXT_CALLS or WTFORMS_FIELDS.match(name):
            found += node.args[:1]
        if name == "abort":
            found += node.args[1:2]
        for keyword in node.keywords:
            if keyword.arg in TEXT_KEYWORDS:
                found.append(keyword.value)
            if keyword.arg == "choices" and isinstance(keyword.value, ast.List):
                found += [
                    choice.elts[1]
                    for choice in keyword.value.elts
                    if isinstance(choice, ast.Tuple) and len(choice.elts) == 2
                ]
    return found


def unmarked_in_python(source: str) -> list[str]:
    """Bare strings where a person will read them (flash, labels, messages)."""
    return [
        f"line {node.lineno}: {ast.unparse(node)[:70]}"
        for node in text_candidates(ast.parse(source))
        if _is_bare_text(node)
    ]


def unmarked_python() -> dict[str, list[str]]:
    result = {}
    for path in sorted((ROOT / "community").rglob("*.py")):
        if "demo" in path.parts:  # demo content is user content, not interface
            continue
        problems = unmarked_in_python(path.read_text(encoding="utf-8"))
        if problems:
            result[str(path.relative_to(ROOT))] = problems
    return result


KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None}
KEYWORDS |= {"lazy_gettext": None, "lazy_ngettext": (1, 2)}
# Babel's own default keywords for a message with a context ("None" for a
# discussion and for an event: two messages, told apart by the context).
KEYWORDS |= {"pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3)}


@cache
def extracted_entries() -> tuple[tuple[str | None, str, str], ...]:
    """(context, msgid, file) for every marked string, as `make messages`
    extracts them (babel.cfg); read once a session (2-4 s each time)."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    with open(ROOT / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    return tuple(
        (context, message[0] if isinstance(message, tuple) else message, filename)
        for filename, _line, message, _comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS
        )
    )


def extracted_messages() -> dict[str, list[str]]:
    """msgid -> where it was found, as `make messages` extracts them (babel.cfg)."""
    found: dict[str, list[str]] = {}
    for _context, msgid, filename in extracted_entries():
        found.setdefault(msgid, []).append(filename)
    return found
