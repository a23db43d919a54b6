"""Threads and their reply trees: read, start, reply, edit, vote, accept.

Every rule is the HTML views' own: the same fetch-or-404 helpers, can_*
predicates, forms (for field rules) and publishing services.
"""

from flask import abort
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from community.api.access import allow, form_from_json, refuse, require_write
from community.api.auth import api_limited
from community.api.pagination import (
    PageArgs,
    cursor_page,
    decode_cursor,
    keyset_page,
    page_schema,
)
from community.api.schemas import OkSchema, PersonSchema
from community.communities.permissions import can_post
from community.discussions import listing, posting, publishing, voting
from community.discussions.forms import (
    EditPostForm,
    EditThreadForm,
    ReplyForm,
    ThreadForm,
)
from community.discussions.models import KINDS, Post, Thread
from community.discussions.page import rate_limited
from community.discussions.permissions import (
    can_accept,
    can_edit_post,
    can_edit_thread,
    can_see_post_text,
    can_start_thread,
    can_vote,
    get_post_or_404,
    get_readable_community_or_404,
    get_thread_or_404,
)
from community.extensions import db
from community.forms import client_ip

blp = Blueprint("api_discussions", __name__, description=_l("Threads and reply trees."))
api_limited(blp)


# Not translated: descriptions in the OpenAPI document stay English.
LANGUAGE_HELP = "The language the text is written in (ISO 639-1, 'und', or '')"


class ThreadSchema(Schema):
    id = fields.Integer(required=True)
    community = fields.Function(lambda thread: thread.community.slug, required=True)
    title = fields.String(required=True)
    kind = fields.String(required=True, metadata={"enum": list(KINDS)})
    author = fields.Nested(PersonSchema, allow_none=True, required=True)
    author_name = fields.String(required=True)
    tags = fields.Function(lambda thread: [tag.name for tag in thread.tags])
    is_pinned = fields.Boolean(required=True)
    is_locked = fields.Boolean(required=True)
    is_solved = fields.Boolean(required=True)
    accepted_post_id = fields.Integer(allow_none=True, required=True)
    reply_count = fields.Integer(required=True)
    vote_count = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
    last_activity_at = fields.DateTime(required=True)
    url = fields.Function(lambda thread: f"/t/{thread.id}/{thread.slug}")
    language = fields.String(required=True, metadata={"description": LANGUAGE_HELP})


class PostSchema(Schema):
    """A post; body fields are null where the page shows "[hidden]"/"[deleted]"."""

    id = fields.Integer(required=True)
    thread_id = fields.Integer(required=True)
    parent_id = fields.Integer(allow_none=True, required=True)
    depth = fields.Integer(required=True)
    author = fields.Nested(PersonSchema, allow_none=True, required=True)
    author_name = fields.String(required=True)
    body_html = fields.Method("readable_html", allow_none=True, required=True)
    body_source = fields.Method("editable_source", allow_none=True, required=True)
    vote_count = fields.Integer(required=True)
    version = fields.Integer(required=True)
    is_deleted = fields.Boolean(required=True)
    is_hidden = fields.Boolean(required=True)
    created_at = fields.DateTime(required=True)
    edited_at = fields.DateTime(allow_none=True, required=True)
    url = fields.Function(lambda post: f"/p/{post.id}")
    language = fields.String(required=True, metadata={"description": LANGUAGE_HELP})

    def readable_html(self, post: Post) -> str | None:
        return post.body_html if can_see_post_text(current_user, post) else None

    def editable_source(self, post: Post) -> str | None:
        return post.body_source if can_edit_post(current_user, post) else None


class ThreadListArgs(PageArgs):
    tag = fields.String(validate=validate.Length(max=30))
    unanswered = fields.Boolean(load_default=False)


class NewThreadSchema(Schema):
    title = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(list(KINDS)))
    body = fields.String(required=True)
    tags = fields.List(fields.String(), load_default=list)
    idempotency_key = fields.String(validate=validate.Length(max=64))


class EditThreadSchema(Schema):
    title = fields.String(required=True)
    tags = fields.List(fields.String(), load_default=list)


class ReplySchema(Schema):
    body = fields.String(required=True)
    parent_id = fields.Integer(
        strict=True,
        allow_none=True,
        metadata={"description": "The post answered; the thread if null"},
    )
    idempotency_key = fields.String(validate=validate.Length(max=64))


class EditPostSchema(Schema):
    body = fields.String(required=True)


@blp.get("/communities/<slug>/threads")
@blp.arguments(ThreadListArgs, location="query")
@blp.response(200, page_schema(ThreadSchema, "ThreadPage"))
def list_threads(args, slug: str):
    """A community's visible threads, newest first."""
    community = get_readable_community_or_404(slug[:60], current_user)
    query = listing.community_threads(
        community, "newest", args["unanswered"], args.get("tag", "")
    )
    return keyset_page(query, Thread.id, args)


@blp.post("/communities/<slug>/threads")
@rate_limited
@blp.arguments(NewThreadSchema)
@blp.response(201, ThreadSchema)
def start_thread(data, slug: str):
    """Start a thread (a question or a discussion) with its opening post."""
    require_write()
    community = get_readable_community_or_404(slug[:60], current_user)
    allow(can_start_thread(current_user, community))
    data = {**data, "tags": " ".join(data["tags"])}
    form = form_from_json(ThreadForm, data)
    try:
        key = data.get("idempotency_key")
        thread = publishing.publish_thread_form(community, current_user, form, key)
    except posting.PostingRefused as refused:
        db.session.rollback()
        refuse(refused, 422)
    db.session.commit()
    return thread


@blp.get("/threads/<int:thread_id>")
@blp.etag
@blp.response(200, ThreadSchema)
def show_thread(thread_id: int):
    """One thread (its posts are at /threads/{id}/posts)."""
    return get_thread_or_404(thread_id, current_user)


@blp.patch("/threads/<int:thread_id>")
@blp.etag
@blp.arguments(EditThreadSchema)
@blp.response(200, ThreadSchema)
def edit_thread(data, thread_id: int):
    """Change the title and tags (send the thread's ETag in If-Match)."""
    require_write()
    thread = get_thread_or_404(thread_id, current_user)
    allow(can_edit_thread(current_user, thread))
    blp.check_etag(thread, ThreadSchema)
    form = form_from_json(EditThreadForm, {**data, "tags": " ".join(data["tags"])})
    names = posting.tag_names(form.tags.data or "")
    publishing.retitle(thread, current_user, form.title.data, names, ip=client_ip())
    db.session.commit()
    return thread


@blp.get("/threads/<int:thread_id>/posts")
@blp.arguments(PageArgs, location="query")
@blp.response(200, page_schema(PostSchema, "PostPage"))
def list_posts(args, thread_id: int):
    """The whole tree in reading order (each post names its parent and depth)."""
    thread = get_thread_or_404(thread_id, current_user)
    after = decode_cursor(args.get("cursor"))
    # A path is digits only; anything else (a NUL, which PostgreSQL refuses) is
    # not a cursor we handed out.
    if after is not None and not (isinstance(after, str) and after.isdigit()):
        abort(400, _("That cursor is not one this API handed out."))
    query = (
        select(Post)
        .options(joinedload(Post.author), joinedload(Post.thread))
        .where(Post.thread_id == thread.id)
        .order_by(Post.path)
    )
    if after:
        query = query.where(Post.path > after)
    rows = list(db.session.scalars(query.limit(args["limit"] + 1)))
    return cursor_page(rows, args["limit"], lambda post: post.path)


@blp.post("/threads/<int:thread_id>/posts")
@rate_limited
@blp.arguments(ReplySchema)
@blp.response(201, PostSchema)
def reply(data, thread_id: int):
    """Reply to the thread, or under one of its posts."""
    require_write()
    thread = get_thread_or_404(thread_id, current_user)
    allow(can_post(current_user, thread.community))  # as the reply view
    form = form_from_json(ReplyForm, {"body": data["body"]})
    parent = data.get("parent_id")
    try:
        post = publishing.publish_reply(
            thread,
            current_user,
            form.body.data,
            str(parent) if parent is not None else None,
            data.get("idempotency_key"),
        )
    except posting.PostingRefused as refused:
        db.session.rollback()
        refuse(refused, 409)
    db.session.commit()
    return post


@blp.get("/posts/<int:post_id>")
@blp.etag
@blp.response(200, PostSchema)
def show_post(post_id: int):
    """One post."""
    return get_post_or_404(post_id, current_user)


@blp.patch("/posts/<int:post_id>")
@blp.etag
@blp.arguments(EditPostSchema)
@blp.response(200, PostSchema)
def edit_post(data, post_id: int):
    """Edit a post's text (send its ETag in If-Match: a stale edit gets 412)."""
    require_write()
    post = get_post_or_404(post_id, current_user)
    allow(can_edit_post(current_user, post))
    blp.check_etag(post, PostSchema)
    form = form_from_json(EditPostForm, {"body": data["body"], "version": post.version})
    try:
        publishing.publish_edit(
            post, current_user, form.body.data, post.version, ip=client_ip()
        )
    except posting.EditConflict as conflict:
        db.session.rollback()
        refuse(conflict, 412)
    except posting.PostingRefused as refused:
        db.session.rollback()
        refuse(refused, 422)
    db.session.commit()
    return post


@blp.post("/posts/<int:post_id>/vote")
@blp.response(200, OkSchema)
def vote(post_id: int):
    """Upvote a post."""
    return change_vote(post_id, undo=False)


@blp.delete("/posts/<int:post_id>/vote")
@blp.response(200, OkSchema)
def unvote(post_id: int):
    """Take your vote back."""
    return change_vote(post_id, undo=True)


def change_vote(post_id: int, undo: bool) -> dict:
    require_write()
    post = get_post_or_404(post_id, current_user)
    if not undo:  # as the page: taking a vote back needs no voting right
        allow(can_vote(current_user, post))
    try:
        (voting.unvote if undo else voting.vote)(current_user, post)
    except voting.VoteRefused as refused:
        refuse(refused)
    db.session.commit()
    return {"ok": True, "count": post.vote_count}


@blp.post("/posts/<int:post_id>/accept")
@blp.response(200, OkSchema)
def accept(post_id: int):
    """Mark this reply as the accepted answer of its question."""
    return change_accepted(post_id, undo=False)


@blp.delete("/posts/<int:post_id>/accept")
@blp.response(200, OkSchema)
def unaccept(post_id: int):
    """The question is open again."""
    return change_accepted(post_id, undo=True)


def change_accepted(post_id: int, undo: bool) -> dict:
    require_write()
    post = get_post_or_404(post_id, current_user)
    allow(can_accept(current_user, post.thread))
    try:
        publishing.accept(post.thread, post, current_user, undo=undo, ip=client_ip())
    except posting.PostingRefused as refused:
        refuse(refused)
    db.session.commit()
    return {"ok": True}
