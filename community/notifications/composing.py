"""Notification mail: what it says, in the recipient's language, with its headers.

Every mail the notifications feature writes is rendered inside
community.i18n.written_for(), the one place that picks the recipient's language.
Templates live in templates/mail/ (a .txt and an .html of each), rendered
without a request, so the worker can send them.
"""

from functools import lru_cache
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import _, ngettext
from markupsafe import Markup
from sqlalchemy import select

from community.auth.models import User
from community.discussions.models import Post, Tag, Thread
from community.extensions import db
from community.i18n import written_for
from community.notifications.tokens import (
    bounce_address,
    reply_address,
    unsubscribe_token,
)
from community.text import mail_html, mail_text
from community.timezones import format_local


def site_url(path: str = "") -> str:
    return current_app.config["SITE_URL"] + path


def mail_domain() -> str:
    return urlsplit(current_app.config["SITE_URL"]).hostname or "community.invalid"


def render_pair(name: str, **context) -> tuple[str, str]:
    """(text, html) of templates/mail/<name>.txt and .html (no request needed)."""
    environment = current_app.jinja_env
    context |= {"site_name": current_app.config["SITE_NAME"], "site_url": site_url()}
    text = environment.get_template(f"mail/{name}.txt").render(**context)
    html = environment.get_template(f"mail/{name}.html").render(**context)
    return text, html


def unsubscribe_url(user: User, target_type: str, target_id: int) -> str:
    token = unsubscribe_token(user.id, target_type, target_id)
    return site_url(f"/notifications/unsubscribe/{token}")


def list_headers(user: User, list_id: str, list_name: str, unsubscribe: str) -> dict:
    """List-Id, one-click List-Unsubscribe (RFC 8058) and Auto-Submitted (RFC 3834)."""
    return {
        "List-Id": f"{list_name} <{list_id}.{mail_domain()}>",
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
        # Exchange and Outlook: no out-of-office replies to notifications.
        "X-Auto-Response-Suppress": "OOF, AutoReply",
    }


def opening_post_id(thread: Thread) -> int:
    """Looked up once per transaction, not once per recipient."""
    known = db.session.info.setdefault("community.opening_posts", {})
    if thread.id not in known:
        query = select(Post.id).where(Post.thread_id == thread.id, Post.depth == 0)
        known[thread.id] = db.session.scalar(query)
    return known[thread.id]


def mail_extras(user: User, html: str, headers: dict) -> dict:
    """The HTML part, the headers, and the VERP envelope sender bounces come to."""
    extras = {"html": html, "headers": headers}
    if current_app.config["MAIL_BOUNCE_ADDRESS"]:
        extras["envelope_from"] = bounce_address(user.id)
    return extras


def post_message_id(post_id: int) -> str:
    return f"<post-{post_id}@{mail_domain()}>"


def thread_headers(thread: Thread, posts: list[Post], user: User) -> dict:
    """Message-ID per post and In-Reply-To/References, so clients thread the talk."""
    latest = posts[-1]
    first = opening_post_id(thread)
    if len(posts) == 1:
        message_id = post_message_id(latest.id)
        parent = latest.parent_id or first
    else:  # a batch is its own message, in reply to the thread's opening post
        message_id = f"<batch-{thread.id}-{latest.id}-{user.id}@{mail_domain()}>"
        parent = first
    headers = {"Message-ID": message_id}
    if parent and parent != latest.id:
        references = [post_message_id(first)]
        if parent != first:
            references.append(post_message_id(parent))
        headers["In-Reply-To"] = post_message_id(parent)
        headers["References"] = " ".join(references)
    return headers


@lru_cache(maxsize=64)
def mail_parts(body_html: str, base_url: str) -> tuple[Markup, str]:
    """(HTML, text) of a post for mail: cleaned once, not once per recipient."""
    return mail_html(body_html, base_url), mail_text(body_html)


def post_entry(post: Post, user: User) -> dict:
    """One post as the mail shows it: who, when (their zone), text and HTML."""
    html, text = mail_parts(post.body_html, site_url())
    return {
        "author": post.author_name,
        "when": format_local(post.created_at, user.timezone),
        "html": html,
        "text": text,
        "url": site_url(f"/p/{post.id}"),
    }


def post_subject(thread: Thread, new_thread: bool) -> str:
    """ "[GovStack] Title" for a new thread, "Re: [GovStack] Title" for replies."""
    names = {"community": thread.community.name, "title": thread.title}
    if new_thread:
        return _("[%(community)s] %(title)s", **names)
    return _("Re: [%(community)s] %(title)s", **names)


def tag_name(target: tuple[str, int]) -> str:
    if target[0] != "tag":
        return ""
    tag = db.session.get(Tag, target[1])  # the identity map holds the thread's tags
    return tag.name if tag is not None else ""


def post_mail(
    user: User, thread: Thread, posts: list[Post], intro: str, target=None
) -> tuple:
    """(subject, text, extras) for one post, or a batch of new posts, in a thread.
    `target` is what the unsubscribe link stops: by default the community for a
    new thread (it came through a community watch), else the thread."""
    latest = posts[-1]
    new_thread = latest.is_opening
    if target is None:
        target = (
            ("community", thread.community_id) if new_thread else ("thread", thread.id)
        )
    unsubscribe = unsubscribe_url(user, *target)
    with written_for(user):
        subject = post_subject(thread, new_thread)
        reply_path = f"/t/{thread.id}/{thread.slug}?reply_to={latest.id}#reply"
        text, html = render_pair(
            "post",
            intro=intro,
            thread=thread,
            community=thread.community,
            posts=[post_entry(post, user) for post in posts],
            reply_url=site_url(reply_path),
            view_url=site_url(f"/p/{latest.id}"),
            unsubscribe_url=unsubscribe,
            stops=target[0],
            tag_name=tag_name(target),
            settings_url=site_url("/auth/settings"),
        )
    community = thread.community
    headers = list_headers(user, community.slug, community.name, unsubscribe)
    headers |= thread_headers(thread, posts, user)
    if current_app.config["MAIL_REPLY_ADDRESS"]:
        headers["Reply-To"] = reply_address(user.id, latest.id)
    return subject, text, mail_extras(user, html, headers)


def notice_mail(user: User, message: str, url: str) -> tuple:
    """(subject, text, extras) for a notification that is not about a post."""
    unsubscribe = unsubscribe_url(user, "all", 0)
    with written_for(user):
        text, html = render_pair(
            "notice",
            message=message,
            link=site_url(url) if url else "",
            unsubscribe_url=unsubscribe,
            settings_url=site_url("/auth/settings"),
        )
    headers = list_headers(
        user, "notifications", current_app.config["SITE_NAME"], unsubscribe
    )
    return message[:120], text, mail_extras(user, html, headers)


def batch_intro(user: User, thread: Thread, count: int) -> str:
    with written_for(user):
        return ngettext(
            "%(num)d new post in “%(title)s”",
            "%(num)d new posts in “%(title)s”",
            count,
            title=thread.title,
        )


def refusal_mail(user: User, reason: str, thread: Thread | None) -> tuple:
    """(subject, text, extras): why a reply by e-mail was not posted. Sent as an
    auto-reply (RFC 3834) from the null sender, so it cannot start a mail loop."""
    with written_for(user):
        subject = _("Your reply was not posted")
        link = site_url(f"/t/{thread.id}/{thread.slug}") if thread else ""
        text, html = render_pair(
            "refused", reason=reason, link=link, settings_url=site_url("/auth/settings")
        )
    extras = mail_extras(user, html, {"Auto-Submitted": "auto-replied"})
    extras["envelope_from"] = ""
    return subject, text, extras
