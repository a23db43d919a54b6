"""Load a page of a thread's tree in a fixed number of queries, and track reading."""

from dataclasses import dataclass, field

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import joinedload

from community.auth.models import User
from community.discussions.models import Post, PostRevision, Thread, ThreadRead, Vote
from community.extensions import db
from community.pagination import Page
from community.timezones import utcnow

REPLIES_PER_PAGE = 50  # top-level replies at most on one page
POSTS_PER_PAGE = 60  # and roughly this many posts: whole branches fill a page
MAX_VISIBLE_DEPTH = 5


@dataclass
class ThreadPage:
    opening: Post
    accepted: Post | None
    page: Page  # items: the posts of the page in tree order (opening excluded)
    voted: set[int] = field(default_factory=set)
    read_record: ThreadRead | None = None
    # Captured at load time: marking the thread read must not hide what was new.
    last_read_post_id: int | None = None
    parents: dict[int, Post] = field(default_factory=dict)

    def shown_depth(self, post: Post) -> int:
        return min(post.depth, MAX_VISIBLE_DEPTH)

    def reply_to_name(self, post: Post) -> str | None:
        """The parent's author, for replies flattened at the deepest visible level."""
        if post.depth <= MAX_VISIBLE_DEPTH:
            return None
        parent = self.parents.get(post.parent_id)
        if parent is None:
            return None
        return parent.author.username if parent.author else parent.author_name

    def is_new(self, post: Post) -> bool:
        last = self.last_read_post_id
        return last is not None and post.id > last

    @property
    def first_new_id(self) -> int | None:
        return next((post.id for post in self.page.items if self.is_new(post)), None)


def branch_pages(thread: Thread) -> list[list[int]]:
    """The thread's top-level branches grouped into pages (one grouped query).

    A page takes whole branches, in order, until it holds REPLIES_PER_PAGE of
    them or about POSTS_PER_PAGE posts; a branch larger than that gets a page
    of its own. So a deep discussion does not put hundreds of posts on page 1.
    """
    sizes = db.session.execute(
        select(Post.branch_id, func.count(Post.id))
        .where(Post.thread_id == thread.id, Post.depth >= 1)
        .group_by(Post.branch_id)
        .order_by(Post.branch_id)
    ).all()
    pages: list[list[int]] = [[]]
    filled = 0
    for branch_id, size in sizes:
        full = len(pages[-1]) >= REPLIES_PER_PAGE or filled + size > POSTS_PER_PAGE
        if pages[-1] and full:
            pages.append([])
            filled = 0
        pages[-1].append(branch_id)
        filled += size
    return pages


def page_posts(thread: Thread, branch_ids: list[int]) -> list[Post]:
    """The opening post, the accepted answer and the given branches, in tree
    order (ORDER BY path), authors joined: one query whatever the size."""
    wanted = [Post.branch_id.in_(branch_ids), Post.depth == 0]
    if thread.accepted_post_id:
        wanted.append(Post.id == thread.accepted_post_id)
    query = (
        select(Post)
        .options(joinedload(Post.author))
        .where(Post.thread_id == thread.id, or_(*wanted))
        .order_by(Post.path)
    )
    return list(db.session.scalars(query))


def load_thread_page(thread: Thread, viewer, number: int) -> ThreadPage:
    """Everything the thread page shows, in six queries at most."""
    pages = branch_pages(thread)
    number = min(max(number, 1), len(pages))
    on_page = set(pages[number - 1])
    posts = page_posts(thread, pages[number - 1])
    tree = [post for post in posts if post.depth > 0 and post.branch_id in on_page]
    record = read_record(viewer, thread)
    # Page counts pages here, not posts: one "item" per page of branches.
    page = Page(items=tree, number=number, per_page=1, total=len(pages))
    return ThreadPage(
        opening=next(post for post in posts if post.depth == 0),
        accepted=next((p for p in posts if p.id == thread.accepted_post_id), None),
        page=page,
        voted=voted_post_ids(viewer, thread),
        read_record=record,
        last_read_post_id=record.last_read_post_id if record else None,
        parents={post.id: post for post in posts},
    )


def voted_post_ids(viewer, thread: Thread) -> set[int]:
    """The posts of the thread the viewer voted for (one query)."""
    if not getattr(viewer, "is_authenticated", False):
        return set()
    query = (
        select(Vote.post_id)
        .join(Post, Post.id == Vote.post_id)
        .where(Vote.user_id == viewer.id, Post.thread_id == thread.id)
    )
    return set(db.session.scalars(query))


def read_record(viewer, thread: Thread) -> ThreadRead | None:
    """How far the viewer read the thread, if they ever opened it."""
    if not getattr(viewer, "is_authenticated", False):
        return None
    query = select(ThreadRead).where(
        ThreadRead.user_id == viewer.id, ThreadRead.thread_id == thread.id
    )
    return db.session.scalar(query)


def mark_read(user: User, thread: Thread, record: ThreadRead | None = None) -> None:
    """Remember that the person has seen the thread up to its newest post."""
    newest = thread.last_post_id or 0
    record = record or read_record(user, thread)
    if record is not None and record.last_read_post_id >= newest:
        return  # nothing new: no write on every page view
    if record is None:
        record = ThreadRead(user_id=user.id, thread_id=thread.id)
        db.session.add(record)
    record.last_read_post_id = max(record.last_read_post_id or 0, newest)
    record.read_at = utcnow()
    db.session.flush()


def read_state(user, threads: list[Thread]) -> tuple[set[int] | None, dict]:
    """Which of these threads the person ever opened, and for those the posts
    newer than the last visit: ({thread ids}, {thread_id: (count, first id)}),
    in one query. (None, {}) for visitors.

    Threads never opened count nothing: they are marked "new" by the list instead.
    """
    if not getattr(user, "is_authenticated", False):
        return None, {}
    if not threads:
        return set(), {}
    newer = and_(
        Post.thread_id == ThreadRead.thread_id,
        Post.id > ThreadRead.last_read_post_id,
    )
    query = (
        select(ThreadRead.thread_id, func.count(Post.id), func.min(Post.id))
        .outerjoin(Post, newer)
        .where(
            ThreadRead.user_id == user.id,
            ThreadRead.thread_id.in_([thread.id for thread in threads]),
        )
        .group_by(ThreadRead.thread_id)
    )
    rows = db.session.execute(query).all()
    unread = {thread_id: (count, first) for thread_id, count, first in rows if count}
    return {row[0] for row in rows}, unread


def page_of(post: Post) -> int:
    """The thread page showing this post (see branch_pages)."""
    if post.branch_id is None:
        return 1
    for number, branch_ids in enumerate(branch_pages(post.thread), start=1):
        if post.branch_id in branch_ids:
            return number
    return 1


def revisions_of(post: Post) -> list[PostRevision]:
    """Earlier versions of the post, newest first."""
    query = (
        select(PostRevision)
        .where(PostRevision.post_id == post.id)
        .order_by(PostRevision.created_at.desc(), PostRevision.id.desc())
    )
    return list(db.session.scalars(query))
