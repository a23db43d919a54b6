"""Checks run in the browser: axe, keyboard, page weight, layout, screenshots.

A plain module (not conftest), so every test file imports the same helpers;
the actions a journey takes (register, log in, fill a form, follow a mail
link) are in tests/e2e/journeys.py.
"""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[1]
SCREENSHOTS = PROJECT / "screenshots"
AXE_JS = HERE / "axe.min.js"  # axe-core 4.14.1 from npm, vendored unchanged
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGE_BUDGET_BYTES = 60 * 1024
VIEWPORTS = {
    "phone": {"width": 360, "height": 740},
    "desktop": {"width": 1280, "height": 800},
}


# ---------- accessibility ----------


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core in the page (the context must have bypass_csp=True)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        """async (tags) => (await axe.run(document, {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
        })).violations""",
        WCAG_TAGS,
    )


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} [{violation['impact']}] {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {node['target']}: {node['html'][:160]}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Fail with rule, impact and elements; axe is injected once per document."""
    violations = axe_violations(page)
    assert not violations, f"axe on {page.url}:\n" + format_violations(violations)


FOCUSABLE = (
    "a[href], button:not([disabled]), select:not([disabled]), "
    "textarea:not([disabled]), input:not([type=hidden]):not([disabled]), "
    "summary, [tabindex]:not([tabindex='-1'])"
)


def tab_through(page: Page, limit: int = 300) -> tuple[list[str], list[dict]]:
    """Press Tab until focus comes back round; return (every control, the stops).

    Each stop says which control had focus and whether its focus was visible
    (an outline or a box-shadow while :focus-visible matches). Radio buttons of
    one group count as one control, as the browser tabs to one of them. Controls
    not rendered (the header's copy for the other screen size, a closed menu's
    links) are not expected.
    """
    controls = page.evaluate(
        """(selector) => {
            const seen = new Set(); const names = [];
            document.querySelectorAll(selector).forEach((el, i) => {
                // A copy for the other screen size, or inside a closed menu.
                if (!el.checkVisibility()) return;
                el.dataset.tabStop = el.type === 'radio' ? 'radio:' + el.name : 'c' + i;
                if (!seen.has(el.dataset.tabStop)) {
                    seen.add(el.dataset.tabStop); names.push(el.dataset.tabStop);
                }
            });
            return names;
        }""",
        FOCUSABLE,
    )
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || el === document.body) return null;
                const style = getComputedStyle(el);
                const outline = style.outlineStyle !== 'none'
                    && parseFloat(style.outlineWidth) > 0;
                return {id: el.dataset.tabStop || '', html: el.outerHTML.slice(0, 120),
                        visible: el.matches(':focus-visible')
                                 && (outline || style.boxShadow !== 'none')};
            }"""
        )
        if stop is None or (stops and stop["id"] == stops[0]["id"]):
            break
        stops.append(stop)
    return controls, stops


# ---------- page weight ----------


@dataclass
class Transfer:
    """What the browser received for one first load with an empty cache."""

    bytes_by_url: dict[str, int] = field(default_factory=dict)
    requested: list[str] = field(default_factory=list)
    status: int = 0  # of the page itself

    @property
    def total(self) -> int:
        return sum(self.bytes_by_url.values())

    def font_requests(self) -> list[str]:
        """Web fonts: the site uses system fonts only."""
        return [url for url in self.requested if FONT_RE.search(url)]

    def foreign_requests(self, origin: str) -> list[str]:
        return [
            url
            for url in self.requested
            if not url.startswith("data:") and origin_of(url) != origin
        ]


FONT_RE = re.compile(r"\.(woff2?|ttf|otf|eot)(\?|$)", re.IGNORECASE)


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def measure_transfer(page: Page, url: str) -> Transfer:
    """Bytes on the wire (headers + compressed bodies) per request, via CDP."""
    transfer = Transfer()
    urls: dict[str, str] = {}
    done: set[str] = set()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})

    def sent(event: dict) -> None:
        urls[event["requestId"]] = event["request"]["url"]
        transfer.requested.append(event["request"]["url"])

    def finished(event: dict) -> None:
        address = urls.get(event["requestId"], event["requestId"])
        transfer.bytes_by_url[address] = int(event["encodedDataLength"])
        done.add(event["requestId"])

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.loadingFailed", lambda event: done.add(event["requestId"]))
    transfer.status = page.goto(url, wait_until="load").status
    settle(page, lambda: set(urls) <= done)
    cdp.detach()
    return transfer


def settle(page: Page, finished, quiet_ms: int = 150, timeout_ms: int = 5000) -> None:
    """Wait until finished() has stayed true for quiet_ms (late requests count).

    Faster than Playwright's "networkidle", which always waits 500 ms.
    """
    quiet = 0
    for _ in range(timeout_ms // 25):
        quiet = quiet + 25 if finished() else 0
        if quiet >= quiet_ms:
            return
        page.wait_for_timeout(25)
    raise AssertionError(f"requests still running after {timeout_ms} ms")


def layout_problems(page: Page) -> list[str]:
    """Sideways scrolling, and images without a size or lazy loading."""
    return page.evaluate(
        """() => {
            const problems = [];
            const root = document.documentElement;
            if (root.scrollWidth > window.innerWidth + 1)
                problems.push(`scrolls sideways: ${root.scrollWidth}px wide`
                              + ` in a ${window.innerWidth}px window`);
            document.querySelectorAll('img').forEach((img) => {
                if (!img.getAttribute('width') || !img.getAttribute('height')
                    || img.getAttribute('loading') !== 'lazy')
                    problems.push('img needs width, height and loading=lazy: '
                                  + img.outerHTML.slice(0, 120));
            });
            return problems;
        }"""
    )


# ---------- screenshots ----------


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot to screenshots/<name>.png (ignored by git;
    E2E_SCREENSHOTS=off skips taking it)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    if os.environ.get("E2E_SCREENSHOTS") != "off":
        page.screenshot(path=str(path), full_page=True)
    return path
