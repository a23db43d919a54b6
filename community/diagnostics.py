"""Benchmark diagnostics (issue 8): a per-request SQL counter and the "ceiling" page.

create_app() imports this module only when BENCH_COUNT_QUERIES or BENCH_CEILING is
set (both forced off in ProductionConfig), so in production nothing here is
registered and the request path pays nothing for it.
"""

import random
from datetime import timedelta

from flask import Blueprint, Flask, Response, g, has_app_context, render_template
from markupsafe import Markup
from sqlalchemy import event

from community.extensions import db
from community.timezones import utcnow

QUERY_COUNT_HEADER = "X-Query-Count"
CEILING_PATH = "/_bench/ceiling"
CEILING_POSTS = 31  # about 60 KB of HTML, the size of a long thread page


def init_diagnostics(app: Flask) -> None:
    if app.config.get("BENCH_COUNT_QUERIES"):
        init_query_count(app)
    if app.config.get("BENCH_CEILING"):
        app.register_blueprint(ceiling_blueprint())


def init_query_count(app: Flask) -> None:
    """Count every statement sent to the database during a request."""
    with app.app_context():
        engine = db.engine

    def count(conn, cursor, statement, parameters, context, executemany) -> None:
        if has_app_context():
            g._bench_query_count = g.get("_bench_query_count", 0) + 1

    event.listen(engine, "before_cursor_execute", count)

    def start_query_count() -> None:
        # An app context can outlive one request (tests, CLI); count this one only.
        g._bench_query_count = 0

    # First of the before_request functions, so their queries are counted too.
    app.before_request_funcs.setdefault(None, []).insert(0, start_query_count)

    @app.after_request
    def add_query_count(response: Response) -> Response:
        response.headers[QUERY_COUNT_HEADER] = str(g.get("_bench_query_count", 0))
        return response


def ceiling_blueprint() -> Blueprint:
    """The stack's upper bound: same app and templates, no database work."""
    bp = Blueprint("diagnostics", __name__)
    thread = fake_thread(CEILING_POSTS)

    @bp.get(CEILING_PATH)
    def ceiling():
        return render_template("diagnostics/ceiling.html", thread=thread)

    return bp


POST_BODY = """<p>We rolled out the {dpg} registry in {count} districts last quarter
and the hardest part was not the software: it was agreeing who owns the
<a href="https://example.org/ref/{count}" rel="nofollow ugc noopener">reference
data</a>. Here is what worked for us, in order:</p>
<ol><li>Name one data steward per ministry, in writing.</li>
<li>Publish the schema before the first pilot, not after.</li>
<li>Run the <code>sync</code> job nightly and alert on drift.</li></ol>
<blockquote><p>The API was ready in a week; the memorandum of understanding took
five months.</p></blockquote>
<pre><code>curl -s https://registry.example.org/api/v1/people?district={count} \\
  | jq '.items[] | {{id, updated_at}}'</code></pre>
<p>{words}</p>"""

DPGS = ("MOSIP", "OpenCRVS", "DHIS2", "OpenG2P", "X-Road", "Mojaloop", "OpenSPP")
WORDS = [
    "registry",
    "pilot",
    "ministry",
    "rollout",
    "district",
    "schema",
    "consent",
    "audit",
    "vendor",
    "budget",
    "sandbox",
    "onboarding",
    "citizens",
    "agency",
    "protocol",
    "gateway",
    "certificate",
    "uptime",
    "handover",
    "training",
    "policy",
    "dataset",
    "workflow",
    "we",
    "our",
    "the",
    "a",
    "of",
    "to",
    "and",
    "in",
    "for",
    "with",
    "was",
    "after",
]


def words(rng: random.Random, count: int) -> str:
    """Varied prose, so the page compresses like real text rather than a loop."""
    return " ".join(rng.choice(WORDS) for _ in range(count)).capitalize() + "."


def fake_thread(size: int) -> dict:
    """A thread-shaped dict of posts, built once, with fixed content."""
    rng = random.Random(8)  # noqa: S311 - fixed content, not security
    now = utcnow()
    posts = [
        {
            "id": 1000 + number,
            "depth": min(number % 6, 5),
            "author": f"Person {rng.randint(1, 9999)}",
            "username": f"person{number}",
            "organisation": rng.choice(("Ministry of ICT", "GovStack", "Andes Ltd")),
            "kind": rng.choice(("Government", "DPG team", "Vendor")),
            "created_at": now - timedelta(hours=size - number),
            "body": Markup(  # noqa: S704 - fixed markup above, no user input
                POST_BODY.format(
                    dpg=rng.choice(DPGS), count=number + 3, words=words(rng, 60)
                )
            ),
            "votes": rng.randint(0, 40),
        }
        for number in range(size)
    ]
    return {
        "title": "How did you organise data stewardship for a national registry?",
        "community": "GovStack",
        "tags": ("registries", "governance", "data-protection"),
        "created_at": now - timedelta(days=3),
        "posts": posts,
    }
