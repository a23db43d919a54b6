"""Benchmark diagnostics (issue 8): a per-request SQL counter and the "ceiling" page.

Not part of the app: bench/wsgi.py wraps create_app() and calls init_diagnostics,
which adds each hook only when its flag is set (BENCH_COUNT_QUERIES,
BENCH_CEILING; both forced off in ProductionConfig). The ceiling renders the real
thread template with thread-shaped data held in memory: the same markup as a
long thread page, and no database work.
"""

import random
from datetime import timedelta

from flask import Blueprint, Flask, Response, g, has_app_context, render_template
from flask_login import current_user
from sqlalchemy import event

from bench.content import WORDS
from community.auth.models import User
from community.communities.models import Community
from community.discussions import postlist
from community.discussions.forms import ReplyForm
from community.discussions.models import Post, Tag, Thread
from community.discussions.permissions import thread_rules
from community.discussions.reading import Reader, ThreadPage
from community.extensions import db
from community.pagination import Page
from community.timezones import utcnow

QUERY_COUNT_HEADER = "X-Query-Count"
CEILING_PATH = "/_bench/ceiling"
CEILING_POSTS = 31  # about 60 KB of HTML, the size of a long thread page


def init_diagnostics(app: Flask) -> Flask:
    """Add the hooks whose flags are set; returns the app."""
    if app.config.get("BENCH_COUNT_QUERIES"):
        init_query_count(app)
    if app.config.get("BENCH_CEILING"):
        app.register_blueprint(ceiling_blueprint())
    return app


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
    """The stack's upper bound: the real thread template, data in memory."""
    bp = Blueprint("diagnostics", __name__)

    @bp.get(CEILING_PATH)
    def ceiling():
        # Built per request: model objects belong to no session and hold no state
        # between requests; building them costs microseconds and no queries.
        thread, page = fake_thread(CEILING_POSTS)
        # The posts as a visitor's page builds them (rendered, then filled).
        rules = thread_rules(current_user, thread)
        shared = postlist.render_shared(thread, page, rules, may_accept=False)
        return render_template(
            "discussions/thread.html",
            thread=thread,
            shown=postlist.shown(shared, Reader(), viewer_id=None),
            form=ReplyForm(formdata=None),
            reply_target=None,
            reply_allowed=True,
            watch=None,
            preview=None,
        )

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


def words(rng: random.Random, count: int) -> str:
    """Varied prose, so the page compresses like real text rather than a loop."""
    return " ".join(rng.choice(WORDS) for _ in range(count)).capitalize() + "."


def fake_thread(size: int) -> tuple[Thread, ThreadPage]:
    """A thread with `size` posts as transient model objects (never added to a
    session, so rendering them sends no SQL), with fixed content."""
    rng = random.Random(8)  # noqa: S311 - fixed content, not security
    now = utcnow()
    community = Community(id=1, slug="govstack", name="GovStack", visibility="public")
    thread = Thread(
        id=1,
        community=community,
        title="How did you organise data stewardship for a national registry?",
        slug="data-stewardship",
        kind="question",
        author_name="Person 1",
        reply_count=size - 1,
        is_pinned=False,
        is_locked=False,
        is_hidden=False,
        created_at=now - timedelta(days=3),
        tags=[Tag(name=name) for name in ("registries", "governance", "privacy")],
    )
    posts = [fake_post(rng, thread, number, size, now) for number in range(size)]
    page = Page(items=posts[1:], number=1, per_page=size, total=size - 1)
    return thread, ThreadPage(opening=posts[0], accepted=None, page=page)


def fake_post(rng: random.Random, thread: Thread, number: int, size: int, now):
    author = User(
        id=100 + number,
        username=f"person{number}",
        display_name=f"Person {rng.randint(1, 9999)}",
        organisation=rng.choice(("Ministry of ICT", "GovStack", "Andes Ltd")),
        kind=rng.choice(("government", "dpg_team", "vendor")),
    )
    depth = 0 if number == 0 else 1 + (number - 1) % 5
    return Post(
        id=1000 + number,
        thread=thread,
        author=author,
        author_id=author.id,
        author_name=author.display_name,
        depth=depth,
        created_at=now - timedelta(hours=size - number),
        body_source="",
        body_html=POST_BODY.format(
            dpg=rng.choice(DPGS), count=number + 3, words=words(rng, 60)
        ),
        vote_count=rng.randint(0, 40),
    )
