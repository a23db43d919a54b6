"""Start threads, reply, edit and delete posts: plain functions, the view commits."""

import re

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from community.auth.models import User
from community.communities.models import Community
from community.content_languages import is_content_language
from community.discussions.models import PATH_WIDTH, Post, PostRevision, Tag, Thread
from community.discussions.permissions import can_moderate_thread
from community.discussions.tags import main_names
from community.extensions import db
from community.limits import ReachRefused, check_images, check_links, check_mentions
from community.text import TextRefused, linked_usernames, render
from community.timezones import utcnow

MAX_BODY = 50_000
MAX_TAGS = 5


class PostingRefused(Exception):
    """A rule the form cannot check (locked thread, deleted parent...)."""


class EditConflict(PostingRefused):
    """Someone saved the post after this editor opened it."""

    def __init__(self, current_source: str):
        super().__init__(
            _(
                "Someone else changed this post while you were editing. "
                "Their version is shown below; merge your changes and save "
                "again."
            )
        )
        self.current_source = current_source


def slugify(title: str) -> str:
    """A readable URL part from a title (the id is what finds the thread)."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:80].rstrip("-") or "thread"


def users_named(names: list[str]) -> list[User]:
    """Existing accounts among @names (one query; none when there are no names)."""
    keys = {name.lower() for name in names}
    if not keys:
        return []
    query = select(User).where(User.username_key.in_(keys))
    return list(db.session.scalars(query))


def render_body(source: str, author: User | None = None) -> tuple[str, list[User]]:
    """One Markdown pass: sanitised HTML (known mentions linked) and the people
    mentioned, looked up once. PostingRefused when the text cannot be rendered
    or mentions or links more than the author may (community/limits.py)."""
    users: list[User] = []

    def known(names: list[str]) -> list[str]:
        if author is not None:
            check_mentions(author, len(names))
        users.extend(users_named(names))
        return [user.username for user in users]

    try:
        if author is not None:
            check_images(author, source)
        rendered = render(source, known)
        if author is not None:
            check_links(author, rendered.link_count)
    except (TextRefused, ReachRefused) as refused:
        raise PostingRefused(str(refused)) from None
    return str(rendered.html), users


def find_duplicate(author: User, key: str | None) -> Post | None:
    """The post this author already made with this form, if any."""
    if not key:
        return None
    query = select(Post).where(Post.author_id == author.id, Post.idempotency_key == key)
    return db.session.scalar(query)


def usable_key(
    author: User, key: str | None, source: str
) -> tuple[Post | None, str | None]:
    """(the post this form already made, the key to store for a new post).

    The same key with the same text is a double submit: the first post stands.
    The same key with other text is a form reused after "back": a new post,
    stored without the key.
    """
    duplicate = find_duplicate(author, key)
    if duplicate is None:
        return None, key
    if duplicate.body_source == source:
        return duplicate, key
    return None, None


def _insert_post(post: Post) -> Post:
    """Flush a new post; a double submit raced to the same key returns the first."""
    try:
        with db.session.begin_nested():
            db.session.add(post)
            db.session.flush()
    except IntegrityError:
        existing = find_duplicate(post.author, post.idempotency_key)
        if existing is None:
            raise
        return existing
    return post


def _new_post(
    thread: Thread, author: User, source: str, **fields
) -> tuple[Post, list[User]]:
    """A post with its text rendered once, here (mentions linked), and the people
    it mentions."""
    html, mentioned = render_body(source, author)
    post = Post(
        thread=thread,
        author=author,
        author_name=author.display_name,
        body_source=source,
        body_html=html,
        **fields,
    )
    return post, mentioned


def start_thread(
    community: Community,
    author: User,
    *,
    title: str,
    kind: str,
    source: str,
    tags: list[str] = (),
    idempotency_key: str | None = None,
    mentioned: list[User] | None = None,
    language: str = "",
) -> tuple[Thread, bool]:
    """A new thread with its opening post (depth 0); (thread, created).

    The people the opening post mentions are added to `mentioned`, if given;
    `language` is the text's (else the author's setting).
    """
    duplicate, idempotency_key = usable_key(author, idempotency_key, source)
    if duplicate is not None:
        return duplicate.thread, False
    language = written_in(author, language)
    opening, named = _new_post(None, author, source, depth=0, language=language)
    opening.idempotency_key = idempotency_key
    thread = Thread(
        community=community,
        author=author,
        author_name=author.display_name,
        title=title,
        slug=slugify(title),
        kind=kind,
        language=language,
    )
    db.session.add(thread)
    db.session.flush()
    opening.thread = thread
    opening = _insert_post(opening)
    if opening.thread_id != thread.id:  # lost a double-submit race: keep the first
        db.session.delete(thread)
        db.session.flush()
        return opening.thread, False
    opening.path = f"{opening.id:0{PATH_WIDTH}d}"
    thread.last_post_id = opening.id
    set_tags(thread, list(tags))
    db.session.flush()
    if mentioned is not None:
        mentioned.extend(named)
    return thread, True


def written_in(author: User, language: str) -> str:
    """The language a post says it is in: the one chosen, else the author's."""
    if is_content_language(language):
        return language
    own = getattr(author, "language", "") or ""
    return own if is_content_language(own) else ""


def opening_post(thread: Thread) -> Post:
    """The thread's first post: the question or the start of the discussion."""
    query = select(Post).where(Post.thread_id == thread.id, Post.depth == 0)
    return db.session.scalar(query)


def check_can_take_reply(thread: Thread, parent: Post, author: User) -> None:
    """The rules a form cannot check: locked thread, removed or foreign parent."""
    if thread.is_locked and not can_moderate_thread(author, thread):
        raise PostingRefused(_("This thread is locked: it no longer takes replies."))
    if parent.thread_id != thread.id:
        raise PostingRefused(_("That post belongs to another thread."))
    if parent.is_gone:
        raise PostingRefused(
            _(
                "That post was removed, so it cannot take replies. Your text "
                "is kept: send it as a reply to the thread."
            )
        )


def reply(
    thread: Thread,
    author: User,
    source: str,
    parent: Post | None = None,
    idempotency_key: str | None = None,
    mentioned: list[User] | None = None,
    language: str = "",
) -> tuple[Post, bool]:
    """Add a reply under parent (the opening post when None); (post, created).

    The people the reply mentions are added to `mentioned`, if given;
    `language` is the text's (else the author's setting).
    """
    duplicate, idempotency_key = usable_key(author, idempotency_key, source)
    if duplicate is not None:
        return duplicate, False
    parent = parent or opening_post(thread)
    check_can_take_reply(thread, parent, author)
    post, named = _new_post(
        thread,
        author,
        source,
        parent=parent,
        depth=parent.depth + 1,
        idempotency_key=idempotency_key,
        language=written_in(author, language),
    )
    inserted = _insert_post(post)
    if inserted is not post:
        return inserted, False
    # The path needs the new id: parent's path + this id, so ORDER BY path is the tree.
    post.path = parent.path + f"{post.id:0{PATH_WIDTH}d}"
    post.branch_id = post.id if post.depth == 1 else parent.branch_id
    thread.reply_count += 1
    thread.last_post_id = post.id
    thread.last_activity_at = post.created_at or utcnow()
    db.session.flush()
    if mentioned is not None:
        mentioned.extend(named)
    return post, True


def edit_post(
    post: Post,
    editor: User,
    source: str,
    expected_version: int,
    newly_mentioned: list[User] | None = None,
) -> bool:
    """Save new text, keeping the old one as a revision; False when unchanged.

    The UPDATE only applies to the version the editor opened, so of two edits
    from one version exactly one lands; the other raises EditConflict with the
    text now saved. People the edit mentions for the first time are added to
    `newly_mentioned`, if given.
    """
    if expected_version != post.version:
        raise EditConflict(post.body_source)
    if source == post.body_source:
        return False
    before_source, before_html = post.body_source, post.body_html
    html, mentioned = render_body(source, editor)
    edited_at = utcnow()
    changed = db.session.execute(
        update(Post)
        .where(Post.id == post.id, Post.version == expected_version)
        .values(
            body_source=source,
            body_html=html,
            version=expected_version + 1,
            edited_at=edited_at,
        )
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount != 1:
        db.session.refresh(post)  # what the other editor saved
        raise EditConflict(post.body_source)
    for name, value in (
        ("body_source", source),
        ("body_html", html),
        ("version", expected_version + 1),
        ("edited_at", edited_at),
    ):
        set_committed_value(post, name, value)
    db.session.add(
        PostRevision(
            post_id=post.id,
            editor_id=editor.id,
            editor_name=editor.display_name,
            body_source=before_source,
            body_html=before_html,
        )
    )
    db.session.flush()
    if newly_mentioned is not None:
        before = linked_usernames(before_html)
        newly_mentioned.extend(u for u in mentioned if u.username_key not in before)
    return True


def delete_post(post: Post, actor: User) -> bool:
    """Soft delete: the post keeps its place (and replies) as "[deleted]".
    True when it was the accepted answer (the mark goes with it)."""
    if post.is_opening:
        raise PostingRefused(_("The opening post cannot be deleted."))
    post.deleted_at = utcnow()
    was_answer = post.thread.accepted_post_id == post.id
    if was_answer:
        post.thread.accepted_post_id = None
    db.session.flush()
    return was_answer


def restore_answer(post: Post) -> None:
    """Give an undeleted post back its accepted-answer mark, unless the
    question has another answer by now."""
    thread = post.thread
    if thread.is_question and thread.accepted_post_id is None and not post.is_gone:
        thread.accepted_post_id = post.id
        db.session.flush()


def quote_source(post: Post) -> str:
    """The post as a Markdown blockquote with attribution, ready to reply to."""
    if post.is_gone:
        return ""
    quoted = "\n".join(
        f"> {line}" if line else ">" for line in post.body_source.splitlines()
    )
    return f"{post.author_name} [wrote](/p/{post.id}):\n\n{quoted}\n\n"


def tag_names(raw: str) -> list[str]:
    """Lowercase, de-duplicated words from "a, b c"."""
    words = re.split(r"[\s,]+", raw.lower().strip())
    return list(dict.fromkeys(word.lstrip("#") for word in words if word.lstrip("#")))


def set_tags(thread: Thread, names: list[str]) -> None:
    """Replace the thread's tags, creating tags on first use in the community
    (a synonym's name gives its main tag)."""
    names = main_names(thread.community_id, names)[:MAX_TAGS]
    existing = {
        tag.name: tag
        for tag in db.session.scalars(
            select(Tag).where(
                Tag.community_id == thread.community_id, Tag.name.in_(names)
            )
        )
    }
    for name in names:
        if name not in existing:
            existing[name] = Tag(community_id=thread.community_id, name=name)
            db.session.add(existing[name])
    thread.tags = [existing[name] for name in names]


def edit_thread(thread: Thread, editor: User, title: str, tags: list[str]) -> None:
    """New title (and slug) and tags."""
    thread.title = title
    thread.slug = slugify(title)
    set_tags(thread, tags)
    db.session.flush()


def parent_from_form(thread: Thread, raw: str | None) -> Post | None:
    """The post a reply answers, from the hidden field; None means the thread."""
    if not raw or not str(raw).isdigit():
        return None
    post = db.session.get(Post, int(raw))
    if post is None or post.thread_id != thread.id:
        raise PostingRefused(_("The post you replied to is not in this thread."))
    return post
