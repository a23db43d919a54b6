"""A thread page's posts, rendered once for every reader of the same kind and
kept (pagecache/slots.py), with each reader's own bits filled in.

Readers of one kind have the same rights in the thread (ThreadRules without
the person, and whether they may accept an answer), language and time zone:
they see the same posts, buttons and links. What differs is filled into slots
per request, from two queries (reading.reader_state): the votes they cast,
what is new to them, their CSRF token, and their own posts, which are kept
rendered twice: as anyone sees them and as their author does (edit and delete
links, a hidden post's text). The key holds the thread community's content
version, so every write that changes a post list renews it (versions.py).
"""

from dataclasses import astuple, dataclass, field, replace

from flask import get_template_attribute, request
from markupsafe import Markup

from community.discussions import reading
from community.discussions.forms import REPLY_SORTS
from community.discussions.models import Thread
from community.discussions.permissions import (
    ThreadRules,
    can_accept,
    get_thread_row_or_404,
    thread_rules,
)
from community.pagecache import versions
from community.pagecache.slots import fill, kept, shared_csrf, slotted_key

TEMPLATE = "discussions/_post_list.html"
BITS = "discussions/_reader_bits.html"
SENTINEL = 2_147_483_646  # a post id no page holds: replaced in the reader's bits


@dataclass
class SharedPage:
    """What readers of one kind see of one page of a thread (picklable)."""

    pages: int
    dpg_line: str
    skeleton: str  # with a slot per post and for the accepted answer's aside
    order: list[int]  # the replies of the page, in page order
    authors: dict[int, int | None]
    anyone: dict[str, str] = field(default_factory=dict)  # "post:12" -> its HTML
    own: dict[str, str] = field(default_factory=dict)  # as its author sees it


@dataclass
class Shown:
    dpg_line: Markup
    posts: Markup


def reader_kind(rules: ThreadRules, may_accept: bool) -> str:
    """The rules of one reader with the person left out, as a key."""
    anyone = replace(rules, user_id=None)
    flags = (*astuple(anyone)[1:], may_accept, rules.user_id is not None)
    return "".join("1" if flag else "0" for flag in flags)


def render_shared(
    thread: Thread, tp: reading.ThreadPage, rules: ThreadRules, may_accept: bool
) -> SharedPage:
    """Render the page's posts for the rules' kind of reader (no query but the
    thread's DPGs); signed-in kinds get each post as its author sees it too."""
    render_post = get_template_attribute("discussions/_post.html", "render_post")
    aside = get_template_attribute(TEMPLATE, "accepted_aside")
    anyone_rules = replace(rules, user_id=None)
    pieces = [("post", post) for post in (tp.opening, *tp.page.items)]
    if tp.accepted:
        pieces.append(("accepted", tp.accepted))
    shared = SharedPage(
        pages=tp.page.pages,
        dpg_line="",
        skeleton="",
        order=[post.id for post in tp.page.items],
        authors={post.id: post.author_id for _, post in pieces},
    )
    with shared_csrf():
        shared.dpg_line = str(get_template_attribute(TEMPLATE, "dpg_line")(thread))
        listing = get_template_attribute(TEMPLATE, "post_list")
        shared.skeleton = str(listing(tp, thread, REPLY_SORTS))
        for kind, post in pieces:

            def rendered(rules: ThreadRules, kind=kind, post=post) -> str:
                if kind == "accepted":
                    return str(aside(post, rules))
                return str(render_post(post, tp, thread, rules, may_accept))

            name = f"{kind}:{post.id}"
            shared.anyone[name] = rendered(anyone_rules)
            if rules.user_id is not None and post.author_id is not None:
                mine = rendered(replace(rules, user_id=post.author_id))
                if mine != shared.anyone[name]:
                    shared.own[name] = mine
    return shared


def get_thread_and_version_or_404(thread_id: int, viewer) -> tuple[Thread, str]:
    """The thread (or 404, as get_thread_or_404) and the content version its
    page is kept under, in one query."""
    columns = versions.community_version_columns(Thread.community_id)
    thread, *version = get_thread_row_or_404(thread_id, viewer, *columns)
    return thread, versions.community_version(*version)


def shared_page(
    thread: Thread, viewer, number: int, sort: str, version: str | None = None
) -> SharedPage | None:
    """The page's posts for the viewer's kind, from the cache or rendered (and
    kept); None past the last page. version: read with the thread, if it was."""
    rules = thread_rules(viewer, thread)
    may_accept = can_accept(viewer, thread)
    version = version or versions.current_for(thread.community_id)
    # The pager's links keep the page's other arguments (page_url).
    arguments = sorted(request.args.items(multi=True))
    parts = f"{thread.id}|{number}|{sort}|{reader_kind(rules, may_accept)}|{arguments}"

    def build() -> SharedPage | None:
        tp = reading.load_thread_page(thread, number, sort)
        if number > tp.page.pages:
            return None
        return render_shared(thread, tp, rules, may_accept)

    return kept(slotted_key("thread-posts", version, parts), build)


class ReaderBits:
    """One reader's bits, each rendered once a request (with a sentinel id
    where it names a post, then copied for each post)."""

    def __init__(self):
        self.rendered: dict[tuple, str] = {}

    def _raw(self, name: str, *args) -> str:
        if (name, *args) not in self.rendered:
            with shared_csrf():  # the token goes in last: it could hold the sentinel
                found = get_template_attribute(BITS, name)(*args)
            self.rendered[(name, *args)] = str(found)
        return self.rendered[(name, *args)]

    def bit(self, name: str) -> str:
        return fill(self._raw(name), {})

    def for_post(self, name: str, post_id: int, *args) -> str:
        raw = self._raw(name, SENTINEL, *args)
        return fill(raw.replace(str(SENTINEL), str(post_id)), {})


def shown(shared: SharedPage, reader: reading.Reader, viewer_id: int | None) -> Shown:
    """The shared page with this reader's own bits filled in."""
    bits = ReaderBits()
    first_new = reader.first_new_id(shared.order)

    def piece(kind: str):
        def filled(post_id: int) -> str:
            name = f"{kind}:{post_id}"
            anyone = shared.anyone[name]
            mine = viewer_id is not None and shared.authors.get(post_id) == viewer_id
            return fill(shared.own.get(name, anyone) if mine else anyone, fillers)

        return filled

    def new(post_id: int, text: str) -> str:
        return text if reader.is_new(post_id) else ""

    fillers = {
        "post": piece("post"),
        "accepted": piece("accepted"),
        "new": lambda post_id: new(post_id, " post-new"),
        "badge": lambda post_id: new(post_id, bits.bit("new_badge")),
        "mark": lambda post_id: bits.bit("new_marker") if post_id == first_new else "",
        "vote": lambda post_id: bits.for_post(
            "vote_button", post_id, post_id in reader.voted
        ),
        "unvote": lambda post_id: (
            bits.for_post("vote_button", post_id, True)
            if post_id in reader.voted
            else ""
        ),
        "jump": lambda _: (
            bits.for_post("jump_to_unread", reader.first_unread_id)
            if reader.first_unread_id
            else ""
        ),
    }
    posts = fill(shared.skeleton, fillers)
    return Shown(dpg_line=fill(shared.dpg_line, {}), posts=posts)
