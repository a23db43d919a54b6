"""community/text/: the one place user text becomes HTML. No app needed."""

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import Markup

from community.text import (
    ALLOWED_TAGS,
    LINK_REL,
    TextRefused,
    find_mentions,
    plain_text,
    render,
    render_markdown,
)

ROOT = Path(__file__).resolve().parent.parent
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "rel"},
    "th": {"align"},
    "td": {"align"},
    "pre": {"tabindex", "aria-label"},  # ours, whatever the source said
}


class Elements(HTMLParser):
    """Every start tag with its attributes, and any comment, of an HTML fragment."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.comments: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_comment(self, data):
        self.comments.append(data)


def scheme(href: str) -> str | None:
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", href)
    return match and match[1].lower()


def assert_safe(html: str) -> None:
    parsed = Elements(html)
    assert not parsed.comments
    for tag, attrs in parsed.tags:
        assert tag != "script"
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if tag == "code" and name == "class":
                assert value.startswith("language-")
            else:
                assert name in ALLOWED_ATTRIBUTES.get(tag, ()), (tag, name)
        if tag == "pre":
            assert attrs == {"tabindex": "0", "aria-label": "Code"}
        if tag == "a":
            assert attrs["rel"] == LINK_REL
            href = attrs.get("href")
            if href is not None:
                scheme_ok = scheme(href) in {"http", "https", "mailto"}
                assert scheme_ok or href.startswith("/u/"), href


HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](  javascript:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](&#0000106;avascript:alert(1))",
    "[x](jav&#x09;ascript:alert(1))",
    "[x](jav&#x0A;ascript:alert(1))",
    "[x](jav\tascript:alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](\x01javascript:alert(1))",
    "[x](java\x00script:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![x](javascript:alert(1))",
    '![x](https://evil.example/pixel.gif "tracking")',
    "[x][r]\n\n[r]: javascript:alert(1)",
    '[x][r]\n\n[r]: data:text/html,<script>alert(1)</script> "t"',
    "<javascript:alert(1)>",
    "<javascript://%0aalert(1)>",
    '<https://ok.example/"onmouseover="alert(1)>',
    '[x](https://ok.example "t\\" onmouseover=\\"alert(1)")',
    '[x](https://ok.example/" onmouseover="alert(1))',
    "[x](//evil.example)",
    "[x](/\\evil.example)",
    "<img src=x onerror=alert(1)>",
    '<a onclick="alert(1)" href="https://ok.example">x</a>',
    "<svg><script>alert(1)</script></svg>",
    "<svg onload=alert(1)>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    "<style>body { display: none }</style>",
    '<p style="position: fixed; inset: 0">x</p>',
    '<form action="https://evil.example"><input name="password"></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    "<script",
    "<img src=x onerror=alert(1)",
    "<!--><script>alert(1)</script>-->",
    "<!--[if IE]><script>alert(1)</script><![endif]-->",
    "<scr\x00ipt>alert(1)</script>",
    "[x](\uff4a\uff41\uff56\uff41\uff53\uff43\uff52\uff49\uff50\uff54:alert(1))",
    "[x](javascript\uff1aalert(1))",
    "<\uff53cript>alert(1)</script>",
    "[<script>alert(1)</script>](https://ok.example)",
    "```{ #x .python onclick=alert(1) }\ncode\n```",
    '```python" onmouseover="alert(1)\ncode\n```',
    "<div markdown=1>*x* <script>alert(1)</script></div>",
    "    <script>alert(1)</script>",
    "`<script>alert(1)</script>`",
    '@alice"><script>alert(1)</script>',
]


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_input_leaves_no_markup_outside_the_allowlist(source):
    html = render_markdown(source, mentions=["alice"])
    assert isinstance(html, Markup)
    assert_safe(html)


@pytest.mark.parametrize(
    "source",
    ["<b>bold</b>", "<script>alert(1)</script>", "<a href='https://x.example'>x</a>"],
)
def test_raw_html_is_shown_as_typed(source):
    html = render_markdown(source)
    assert not Elements(html).tags[1:]  # only the <p>
    assert plain_text(source) == source


def test_images_become_links_to_the_picture():
    html = render_markdown('![A chart](https://example.org/c.png "Usage")')
    assert "<img" not in html
    assert (
        '<a href="https://example.org/c.png" title="Usage" rel="nofollow ugc noopener">'
        "A chart</a>"
    ) in html


def test_headings_emphasis_and_lists():
    source = "# Title\n\n## Part\n\n*em* **strong**\n\n- one\n- two\n\n1. one\n1. two"
    html = render_markdown(source)
    assert "<h1>" not in html and "Title" in html  # the page owns the only <h1>
    assert "<h2>Part</h2>" in html
    assert "<em>em</em> <strong>strong</strong>" in html
    assert "<ul>\n<li>one</li>\n<li>two</li>\n</ul>" in html
    assert "<ol>\n<li>one</li>\n<li>two</li>\n</ol>" in html


def test_single_newlines_do_not_break_lines():
    assert render_markdown("one\ntwo") == "<p>one\ntwo</p>"


def test_fenced_code_keeps_its_language_and_escapes_its_text():
    html = render_markdown("```python\nif a < b: print('<b>')\n```")
    assert '<pre tabindex="0" aria-label="Code"><code class="language-python">' in html
    assert "if a &lt; b: print('&lt;b&gt;')" in html


def test_tables_keep_alignment():
    html = render_markdown("| a | b |\n|:--|--:|\n| 1 | 2 |")
    assert '<th align="left">a</th>' in html and '<td align="right">2</td>' in html


def test_blockquotes():
    assert render_markdown("> said") == "<blockquote>\n<p>said</p>\n</blockquote>"


@pytest.mark.parametrize(
    ("source", "href"),
    [
        ("[site](https://example.org/a?b=1&c=2)", "https://example.org/a?b=1&amp;c=2"),
        ("<https://example.org>", "https://example.org"),
        ("[mail](mailto:ann@example.org)", "mailto:ann@example.org"),
        ("[profile](/u/ann)", "/u/ann"),
    ],
)
def test_links_keep_safe_hrefs_and_get_rel(source, href):
    html = render_markdown(source)
    assert f'href="{href}"' in html
    assert f'rel="{LINK_REL}"' in html


def test_links_keep_their_title():
    html = render_markdown('[x](https://example.org "The title")')
    assert 'title="The title"' in html


def test_known_mentions_link_to_profiles():
    html = render_markdown("Thanks @Ann and @bob, not @carol.", mentions=["ann", "bob"])
    assert f'<a href="/u/ann" rel="{LINK_REL}">@Ann</a>' in html
    assert f'<a href="/u/bob" rel="{LINK_REL}">@bob</a>,' in html
    assert "not @carol." in html


@pytest.mark.parametrize(
    "source",
    [
        "`@ann`",
        "```\n@ann\n```",
        "    @ann in indented code",
        "ann@example.org",
        "<ann@example.org>",
        "[@ann](https://example.org)",
        "https://social.example/@ann",
        "@ann@social.example",
    ],
)
def test_mentions_are_not_linked_in_code_links_or_addresses(source):
    assert "/u/ann" not in render_markdown(source, mentions=["ann"])
    assert find_mentions(source) == []


def test_find_mentions_keeps_first_spelling_in_order():
    source = "@Bob asked @ann_2 and @bob; @ab is short, @x-y-z is fine. `@code`"
    assert find_mentions(source) == ["Bob", "ann_2", "x-y-z"]


def test_find_mentions_ignores_names_that_are_too_long():
    assert find_mentions("@" + "a" * 31) == []
    assert find_mentions("@" + "a" * 30) == ["a" * 30]


def test_plain_text_strips_markup_and_decodes_entities():
    source = (
        "## Plan\n\nFish &amp; *chips* for [us](https://example.org).\n\n"
        "- one\n- two\n\n```\n  indented code\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    assert plain_text(source) == (
        "Plan\n\nFish & chips for us.\n\n- one\n- two\n\n  indented code\n\na b\n1 2"
    )


@pytest.mark.parametrize(
    ("limit", "expected"),
    [
        (100, "alpha beta gamma delta"),
        (22, "alpha beta gamma delta"),
        (21, "alpha beta gamma…"),
        (17, "alpha beta gamma…"),
        (16, "alpha beta…"),
        (3, "al…"),
    ],
)
def test_plain_text_truncates_on_a_word_boundary(limit, expected):
    text = plain_text("alpha *beta* gamma delta", limit=limit)
    assert text == expected
    assert len(text) <= limit


def test_plain_text_cuts_a_single_long_word():
    assert plain_text("x" * 50, limit=10) == "x" * 9 + "…"


def test_text_refused_is_a_value_error():
    assert issubclass(TextRefused, ValueError)


def fenced(code: str, language: str = "python") -> str:
    return f"```{language}\n{code}\n```"


def normal_post(length: int = 50_000) -> str:
    """A long but ordinary post: prose with links and code, with brackets in code."""
    prose = (
        "Our pilot connected the [registry](https://example.org/r?a=(1)) to the "
        "payments *sandbox*; see `items[0]` and **phase (2)** for @ann. "
    ) * 4
    code = "\n".join(
        f"    data[{i}] = {{'k': [x for x in range({i})], 'v': (1, 2)}}  # ( [ <"
        for i in range(30)
    )
    parts = []
    while sum(len(part) + 2 for part in parts) < length:
        parts += [prose, "- a [link](https://example.org)\n- and `code`", fenced(code)]
    return "\n\n".join(parts)[:length]


def test_a_long_normal_post_with_code_renders():
    source = normal_post()
    assert len(source) == 50_000
    assert_safe(render_markdown(source, mentions=["ann"]))
    assert plain_text(source, limit=200).endswith("…")


def nested_lists(depth: int) -> str:
    return "\n".join("    " * level + f"- level {level}" for level in range(depth))


SHOULD_RENDER = [
    "",
    "   \n\n\t\n",
    nested_lists(8),
    "> " * 8 + "deep quote",
    "* * * * * * * * * * * * * * * * * * * * * * * * * *",
    fenced("[" * 5000 + "(" * 5000),
    fenced(" " * 200 + "deeply indented code"),
    "[" * 50 + " unclosed brackets in a paragraph",
    "word " * 10_000,
    "a\n" * 20_000,
]


@pytest.mark.parametrize("source", SHOULD_RENDER)
def test_ordinary_odd_input_renders(source):
    assert_safe(render_markdown(source))
    plain_text(source)


def fill(unit: str, length: int = 50_000) -> str:
    return unit * (length // len(unit))


MUST_REFUSE = [
    "[" * 8000,
    fill("["),
    fill("[a]("),
    fill("!["),
    "1. " * 5000,
    ">" * 5000,
    "".join("\t" * depth + "- x\n" for depth in range(300)),
    "".join("    " * depth + "- x\n" for depth in range(150)),
    fill("# a\n"),
    fill("a\n=\n"),
    fill("- - -\n"),
    fill("```a\n"),
    "".join("`" * length + "\n" for length in range(3, 316)),
    "".join("`" * length + "a" for length in range(1, 300)),
    "***" + fill("a*", 49_997),
    fill("&"),
    fill("<"),
    fill("- a\n\n"),
    fill("a|b\n-|-\n"),
    "x" * 200_001,
]
EITHER = [
    "[" * 4000,
    "[a](" * 2000,
    "*" * 20_000,
    "_" * 20_000,
    "`" * 20_000,
    fill("*a* "),
    fill("`a` "),
    fill("\\!"),
    fill("&#1;"),
    fill("a  \n"),
    fill("<http://a> "),
    fill("- a\n"),
    fill("> # a\n"),
    fill("> " * 16 + "x\n\n"),
    "[" * 1000 + "a" + "](b)" * 1000,
    "[" * 20 + fill("\\!", 49_980),
]


@pytest.mark.parametrize("source", MUST_REFUSE)
def test_pathological_input_is_refused_with_a_clear_message(source):
    for renderer in (render_markdown, plain_text, find_mentions):
        with pytest.raises(TextRefused, match="Please"):
            renderer(source)


@pytest.mark.parametrize("source", EITHER)
def test_heavy_input_renders_or_is_refused(source):
    try:
        html = render_markdown(source)
    except TextRefused as refusal:
        assert "Please" in str(refusal)
    else:
        assert_safe(html)


def test_a_recursion_error_in_markdown_becomes_a_refusal(monkeypatch):
    def too_deep(self, source):
        raise RecursionError

    monkeypatch.setattr("community.text.rendering.markdown.Markdown.convert", too_deep)
    with pytest.raises(TextRefused, match="nested"):
        render_markdown("> x")


def python_files() -> list[Path]:
    files = sorted((ROOT / "community").rglob("*.py"))
    top_level = [ROOT / "wsgi.py", ROOT / "config.py"]
    return files + [path for path in top_level if path.exists()]


def imported_packages(path: Path) -> set[str]:
    packages = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            packages |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            packages.add(node.module.split(".")[0])
    return packages


def test_only_text_module_imports_markdown_or_bleach():
    # community/text/ is a package now (render, budget, plain); still the one place.
    package = ROOT / "community" / "text"
    assert {"markdown", "bleach"} <= imported_packages(package / "rendering.py")
    offenders = [
        str(path.relative_to(ROOT))
        for path in python_files()
        if path.parent != package and imported_packages(path) & {"markdown", "bleach"}
    ]
    assert offenders == []


def test_the_budget_calibration_script_runs(capsys):
    from community.text import calibrate

    lines = calibrate.main(["--scale", "0.02"])
    assert len(lines) == len(calibrate.SAMPLES)
    assert all("measured" in line and "estimated" in line for line in lines)


@pytest.mark.parametrize(
    ("source", "linked"),
    [
        ("Read https://example.org/a?b=1&c=2 now", "https://example.org/a?b=1&amp;c=2"),
        ("(see http://example.org/x).", "http://example.org/x"),
        (
            "https://en.wikipedia.org/wiki/Foo_(bar)",
            "https://en.wikipedia.org/wiki/Foo_(bar)",
        ),
        ("Two: https://a.example, https://b.example!", "https://b.example"),
    ],
)
def test_bare_addresses_become_links_with_our_rel(source, linked):
    rendered = render(source)
    assert f'<a href="{linked}" rel="{LINK_REL}">{linked}</a>' in rendered.html
    assert rendered.link_count == source.count("://")
    assert_safe(rendered.html)


@pytest.mark.parametrize(
    "source",
    [
        "`https://example.org`",
        "```\nhttps://example.org\n```",
        "[named](https://example.org)",
        "<https://example.org>",
        "javascript://example.org and ftp://example.org",
        "x@https://example.org",
    ],
)
def test_addresses_in_code_links_or_other_schemes_are_not_linked_again(source):
    html = render_markdown(source)
    assert html.count("<a ") == source.count("](") + source.count("<https")
    assert_safe(html)


def test_code_blocks_scroll_by_keyboard():
    html = render_markdown("```\n" + "x" * 300 + "\n```")
    assert html.startswith('<pre tabindex="0" aria-label="Code">')
