"""Load a page of a thread's tree in a fixed number of queries, and track reading."""

from dataclasses import dataclass, field

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import aliased, joinedload

from community.auth.models import User
from community.discussions.models import Post, Thread, ThreadRead, Vote
from community.extensions import db
from community.pagination import Page
from community.timezones import utcnow

POSTS_PER_PAGE = 50  # every page holds this many posts (the last one fewer)
MAX_VISIBLE_DEPTH = 5
DEFAULT_SORT = "oldest"


@dataclass
class ThreadPage:
    """What every reader of a page of the thread sees alike (reader_state()
    holds what is theirs)."""

    opening: Post
    accepted: Post | None
    page: Page  # items: the posts of the page in tree order (opening excluded)
    sort: str = DEFAULT_SORT
    answer_count: int = 0  # top-level replies not removed
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

    def continued_from(self, post: Post) -> Post | None:
        """The parent of a reply whose branch began on an earlier page."""
        if post.depth <= 1 or post.parent_id in self.on_page:
            return None
        return self.parents.get(post.parent_id)

    @property
    def on_page(self) -> set[int]:
        return {post.id for post in self.page.items}


@dataclass
class Reader:
    """One person's own view of a thread: what they voted for and read."""

    voted: set[int] = field(default_factory=set)
    read_record: ThreadRead | None = None
    # Captured at load time: marking the thread read must not hide what was new.
    last_read_post_id: int | None = None
    first_unread_id: int | None = None  # in the whole thread, not only this page

    def is_new(self, post_id: int) -> bool:
        last = self.last_read_post_id
        return last is not None and post_id > last

    def first_new_id(self, post_ids: list[int]) -> int | None:
        """The first of these posts (in page order) that is new to them."""
        return next((found for found in post_ids if self.is_new(found)), None)


def reader_state(viewer, thread: Thread) -> Reader:
    """The viewer's votes in the thread and how far they read it (two
    queries; none for visitors)."""
    record, first_unread = read_record_and_first_unread(viewer, thread)
    return Reader(
        voted=voted_post_ids(viewer, thread),
        read_record=record,
        last_read_post_id=record.last_read_post_id if record else None,
        first_unread_id=first_unread,
    )


def _replies(thread: Thread):
    return select(Post).where(Post.thread_id == thread.id, Post.depth >= 1)


def _sorted(query, thread: Thread, sort: str):
    """Replies in tree order inside each branch; branches by `sort`. By votes,
    the branch holding the accepted answer comes first."""
    if sort not in ("newest", "votes"):
        return query.order_by(Post.path)  # the tree as written: the path index
    branch = aliased(Post)
    query = query.join(branch, branch.id == Post.branch_id)
    if sort == "newest":
        return query.order_by(branch.id.desc(), Post.path)
    accepted_branch = (
        select(Post.branch_id)
        .where(Post.id == (thread.accepted_post_id or 0))
        .scalar_subquery()
    )
    first = case((Post.branch_id == accepted_branch, 0), else_=1)
    return query.order_by(first, branch.vote_count.desc(), branch.id, Post.path)


def _with_authors():
    """Authors and their verified organisation joined (the name's badge)."""
    return joinedload(Post.author).joinedload(User.verified_organisation)


def page_posts(thread: Thread, number: int, sort: str) -> list[Post]:
    """One page of replies, POSTS_PER_PAGE of them, authors joined: one query."""
    query = _sorted(_replies(thread).options(_with_authors()), thread, sort)
    query = query.limit(POSTS_PER_PAGE).offset((number - 1) * POSTS_PER_PAGE)
    return list(db.session.scalars(query))


def _page_context(thread: Thread, missing: set[int]) -> tuple[list[Post], int, int]:
    """The opening post, the accepted answer and the parents of the page's
    first posts, with the count of replies and of answers: one query."""
    visible = Post.deleted_at.is_(None) & Post.hidden_at.is_(None)
    counted = select(func.count(Post.id)).where(Post.thread_id == thread.id)
    replies = counted.where(Post.depth >= 1).scalar_subquery()
    answers = counted.where(Post.depth == 1, visible).scalar_subquery()
    wanted = [Post.depth == 0, Post.id.in_(missing)]
    if thread.accepted_post_id:
        wanted.append(Post.id == thread.accepted_post_id)
    rows = db.session.execute(
        select(Post, replies, answers)
        .options(_with_authors())
        .where(Post.thread_id == thread.id, or_(*wanted))
    ).all()
    return [row[0] for row in rows], rows[0][1], rows[0][2]


def load_thread_page(
    thread: Thread, number: int, sort: str = DEFAULT_SORT
) -> ThreadPage:
    """What the thread page shows every reader, in two queries whatever its size."""
    number = max(number, 1)
    tree = page_posts(thread, number, sort)
    ids = {post.id for post in tree}
    missing = {post.parent_id for post in tree if post.parent_id not in ids}
    context, total, answers = _page_context(thread, missing)
    posts = tree + context
    return ThreadPage(
        opening=next(post for post in context if post.depth == 0),
        accepted=next((p for p in posts if p.id == thread.accepted_post_id), None),
        page=Page(items=tree, number=number, per_page=POSTS_PER_PAGE, total=total),
        sort=sort,
        answer_count=answers,
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
    return read_record_and_first_unread(viewer, thread)[0]


def read_record_and_first_unread(
    viewer, thread: Thread
) -> tuple[ThreadRead | None, int | None]:
    """The viewer's read record and the first reply newer than it (one query)."""
    if not getattr(viewer, "is_authenticated", False):
        return None, None
    first_unread = (
        select(func.min(Post.id))
        .where(
            Post.thread_id == thread.id,
            Post.depth >= 1,
            Post.id > ThreadRead.last_read_post_id,
        )
        .correlate(ThreadRead)
        .scalar_subquery()
    )
    row = db.session.execute(
        select(ThreadRead, first_unread).where(
            ThreadRead.user_id == viewer.id, ThreadRead.thread_id == thread.id
        )
    ).first()
    return (row[0], row[1]) if row else (None, None)


NOT_LOADED = object()  # mark_read's record: None is "loaded, and there is none"


def mark_read(user: User, thread: Thread, record=NOT_LOADED) -> bool:
    """Remember that the person has seen the thread up to its newest post;
    True when that moved their mark (so there is something to commit). A page
    that loaded the person's read record passes it (even None)."""
    newest = thread.last_post_id or 0
    if record is NOT_LOADED:
        record = read_record(user, thread)
    if record is not None and record.last_read_post_id >= newest:
        return False  # nothing new: no write on every page view
    if record is None:
        record = ThreadRead(user_id=user.id, thread_id=thread.id)
        db.session.add(record)
    record.last_read_post_id = max(record.last_read_post_id or 0, newest)
    record.read_at = utcnow()
    db.session.flush()
    return True


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
    """The thread page showing this post in tree order (one count)."""
    if post.depth == 0:
        return 1
    before = select(func.count(Post.id)).where(
        Post.thread_id == post.thread_id, Post.depth >= 1, Post.path < post.path
    )
    return (db.session.scalar(before) or 0) // POSTS_PER_PAGE + 1
