"""What the discussion views share: the thread page, URLs, rate-limit keys."""

from flask import abort, current_app, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_limiter.util import get_remote_address
from flask_login import current_user
from limits import parse_many
from markupsafe import Markup

from community.discussions import postlist, reading
from community.discussions.forms import (
    ReplyForm,
    ReplySortForm,
    ThreadForm,
)
from community.discussions.models import Post, Thread
from community.discussions.permissions import (
    can_reply_to,
    get_readable_community_or_404,
    get_thread_or_404,
)
from community.discussions.posting import quote_source
from community.extensions import db, limiter
from community.forms import posting_limit
from community.learnings import venues
from community.limits import is_new_account
from community.main.errors import handle_http_error
from community.notifications import subscriptions
from community.notifications.subscriptions import THREAD
from community.pagination import requested_page
from community.text import TextRefused, render_markdown


def post_key() -> str:
    """Rate limits count per account (per address for visitors)."""
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return get_remote_address()


def wants_preview() -> bool:
    """The form's Preview button: show the rendered text, save nothing."""
    return request.method == "POST" and request.form.get("preview") == "1"


def new_account_limit() -> str:
    """The stricter limit for accounts younger than a day."""
    return current_app.config["NEW_ACCOUNT_POST_RATE_LIMIT"]


def is_established() -> bool:
    """Exempt from the new-account limit (previews never count either)."""
    return not is_new_account(current_user) or wants_preview()


# Starting threads and replying share one budget per account; younger accounts
# also count against the stricter new-account limit.
POSTING_LIMITS = [
    limiter.shared_limit(
        posting_limit,
        scope="posting",
        key_func=post_key,
        methods=["POST"],
        exempt_when=wants_preview,
    ),
    limiter.shared_limit(
        new_account_limit,
        scope="posting-new",
        key_func=post_key,
        methods=["POST"],
        exempt_when=is_established,
    ),
]


def spend_posting_budget(user) -> bool:
    """For posting outside a request (a reply by e-mail): take one from the same
    per-account buckets the web form's POSTING_LIMITS use; False when over."""
    if not limiter.enabled:
        return True
    buckets = [(current_app.config["POST_RATE_LIMIT"], "posting")]
    if is_new_account(user):
        buckets.append((new_account_limit(), "posting-new"))
    prefix = [limiter._key_prefix] if limiter._key_prefix else []
    args = [*prefix, f"user:{user.id}"]
    items = [(item, scope) for text, scope in buckets for item in parse_many(text)]
    if not all(limiter.limiter.test(item, *args, scope) for item, scope in items):
        return False
    for item, scope in items:
        limiter.limiter.hit(item, *args, scope)
    return True


def rate_limited(view):
    """Apply the posting limits to a view (POST requests only)."""
    for decorate in POSTING_LIMITS:
        view = decorate(view)
    return view


def thread_url(thread: Thread, **values) -> str:
    """The canonical thread URL, with its current slug."""
    return url_for(
        "discussions.show_thread", thread_id=thread.id, slug=thread.slug, **values
    )


def post_in_thread_url(post: Post) -> str:
    """The thread page holding the post, at the post (its page worked out)."""
    page = reading.page_of(post)
    return thread_url(
        post.thread, page=page if page > 1 else None, _anchor=f"p{post.id}"
    )


def _reply_target(thread: Thread, form) -> Post | None:
    """The post named by ?reply_to=, ?quote= or the form, if it is in this thread."""
    raw = (
        request.args.get("quote") or request.args.get("reply_to") or form.parent_id.data
    )
    if not raw or not str(raw).isdigit():
        return None
    post = db.session.get(Post, int(raw))
    if post is None or post.thread_id != thread.id:
        return None
    return post


def prepare_reply_form(thread: Thread, form) -> Post | None:
    """Point the reply form at ?reply_to= or ?quote=; returns the post answered."""
    target = _reply_target(thread, form)
    if target is None:
        form.parent_id.data = ""
        return None
    if request.method == "GET" and request.args.get("quote") and not form.body.data:
        form.body.data = quote_source(target)
    if target.is_opening:  # quoting the question is replying to the thread
        form.parent_id.data = ""
        return None
    # A removed post cannot take replies: kept text goes to the thread instead.
    form.parent_id.data = "" if target.is_gone else str(target.id)
    return target


def preview_of(form) -> Markup | None:
    """The rendered body for a valid previewed form (None otherwise); text the
    renderer refuses puts its reason on the body field instead."""
    if not wants_preview() or form.errors or not form.body.data:
        return None
    try:
        return render_markdown(form.body.data)
    except TextRefused as refused:
        form.body.errors.append(str(refused))
        return None


def render_thread(
    thread: Thread,
    form,
    status: int = 200,
    mark: bool = False,
    preview=None,
    version: str | None = None,
):
    """The thread page; `mark` records the visit for unread tracking; version:
    the thread's content version, when it was read with the thread."""
    number = requested_page()
    target = prepare_reply_form(thread, form)
    sort = ReplySortForm(request.args).chosen()
    shared = postlist.shared_page(thread, current_user, number, sort, version)
    if shared is None:
        abort(404)
    reader = reading.reader_state(current_user, thread)
    viewer_id = current_user.id if current_user.is_authenticated else None
    body = render_template(
        "discussions/thread.html",
        thread=thread,
        shown=postlist.shown(shared, reader, viewer_id),
        form=form,
        reply_target=target,
        reply_allowed=target is None or can_reply_to(current_user, target),
        watch=subscriptions.find(current_user, THREAD, thread.id),
        preview=preview,
        discussed_lessons=venues.lessons_discussed_in(current_user, thread),
    )
    # After rendering: a commit expires every loaded row, and the page uses them.
    # Only a mark that moved is committed: a commit with nothing to write would
    # still expire the account, and reloading it costs every view a query.
    if (
        mark
        and viewer_id
        and reading.mark_read(current_user, thread, reader.read_record)
    ):
        db.session.commit()
    return body, status


TOO_FAST = _l(
    "You are posting faster than we allow. Wait a minute, then "
    "send again: your text is kept below."
)


def posting_too_fast(error):
    """429 for the posting forms: the same page, the message, the text kept."""
    headers = {"Retry-After": "60"}
    args = request.view_args or {}
    if request.method != "POST":
        return handle_http_error(error)
    if request.endpoint == "discussions.reply":
        form = ReplyForm()
        form.body.errors = [TOO_FAST]
        thread = get_thread_or_404(args["thread_id"], current_user)
        body, _ = render_thread(thread, form)
        return body, 429, headers
    if request.endpoint == "discussions.new_thread":
        form = ThreadForm()
        form.body.errors = [TOO_FAST]
        community = get_readable_community_or_404(args["slug"], current_user)
        body = render_template(
            "discussions/new_thread.html", community=community, form=form
        )
        return body, 429, headers
    return handle_http_error(error)
