"""Delete my account: the person goes; what others need stays, anonymous.

Posts and threads stay, shown as by "deleted member", or, where the person
chooses it and the community allows it, lose their text. RSVPs (freeing their
seats for the wait list), notifications, memberships, votes and watches go.
Every other row that points at the account is found through the schema's
foreign keys, so tables added later are covered too: rows that cascade are
deleted, the others lose the link. Search, feeds and exports then hold nothing
that names the person.
"""

from flask_babel import gettext as _
from sqlalchemy import delete, func, select, update

from community import audit
from community.auth.models import User
from community.auth.registration import PendingRegistration
from community.communities.membership import (
    MembershipRefused,
    change_member_count,
    refuse_losing_last_moderator,
)
from community.communities.models import Community, Membership
from community.discussions.indexing import refresh_thread
from community.discussions.models import Post, PostRevision, Thread
from community.discussions.voting import withdraw_all_votes
from community.dpgs.models import DpgSuggestion, lesson_version_dpgs
from community.events.models import Event
from community.events.rsvps import withdraw_everywhere
from community.extensions import db
from community.learnings.indexing import index_lesson
from community.learnings.models import (
    Lesson,
    LessonCountry,
    LessonVersion,
    ReviewComment,
)
from community.mail import MailDelivery
from community.search.indexing import remove_document
from community.timezones import utcnow

DELETED_NAME = "deleted member"  # stored, like every author name


class DeletionRefused(ValueError):
    """str() is the message for the person."""


def delete_account(user: User, remove_posts: bool = False) -> None:
    """Remove the account and everything personal; the caller commits."""
    if user.is_admin:
        raise DeletionRefused(
            _(
                "An admin account cannot be deleted. Ask another admin to make you "
                "a member first."
            )
        )
    refuse_leaving_without_moderator(user)
    threads = anonymise_posts(user, remove_posts)
    withdraw_all_votes(user)
    anonymise_lessons(user)
    leave_events(user)
    leave_communities(user)
    db.session.execute(
        update(Event)
        .where(Event.organiser_id == user.id)
        .values(organiser_name=DELETED_NAME, updated_at=utcnow())
    )
    db.session.execute(
        update(ReviewComment)
        .where(ReviewComment.author_id == user.id)
        .values(author_name=DELETED_NAME)
    )
    scrub_audit_entries(user)
    db.session.execute(delete(MailDelivery).where(MailDelivery.recipient == user.email))
    db.session.execute(
        delete(PendingRegistration).where(PendingRegistration.email == user.email)
    )
    audit.record(None, "account.delete", user, "removed posts" if remove_posts else "")
    unlink_everything(user)
    db.session.delete(user)
    db.session.flush()
    for thread in threads:
        refresh_thread(thread)


def refuse_leaving_without_moderator(user: User) -> None:
    """A community's last moderator hands it over before leaving the hub, by the
    same rule as leaving the community."""
    rows = select(Membership).where(
        Membership.user_id == user.id,
        Membership.status == "active",
        Membership.role == "moderator",
    )
    for row in db.session.scalars(rows).all():
        try:
            refuse_losing_last_moderator(row.community, row)
        except MembershipRefused as refused:
            raise DeletionRefused(str(refused)) from None


def removable_community_ids() -> set[int]:
    return set(
        db.session.scalars(
            select(Community.id).where(Community.allows_post_removal.is_(True))
        )
    )


def anonymise_posts(user: User, remove: bool) -> list[Thread]:
    """Posts become the deleted member's; their text goes where allowed.
    Returns the threads whose search document must be rebuilt."""
    allowed = removable_community_ids() if remove else set()
    posts = db.session.scalars(
        select(Post).join(Thread).where(Post.author_id == user.id)
    ).all()
    threads = {post.thread_id: post.thread for post in posts}
    for post in posts:
        post.author_name, post.author_id, post.idempotency_key = (
            DELETED_NAME,
            None,
            None,
        )
        if post.thread.community_id in allowed:
            remove_text(post)
    for thread in db.session.scalars(select(Thread).where(Thread.author_id == user.id)):
        threads[thread.id] = thread
        thread.author_name, thread.author_id = DELETED_NAME, None
        if thread.community_id in allowed and thread.reply_count == 0:
            thread.is_hidden = True  # nobody else wrote there: it goes
    db.session.execute(
        update(PostRevision)
        .where(PostRevision.editor_id == user.id)
        .values(editor_name=DELETED_NAME)
    )
    return list(threads.values())


def remove_text(post: Post) -> None:
    post.body_source = post.body_html = ""
    post.deleted_at = post.deleted_at or utcnow()
    if post.thread.accepted_post_id == post.id:
        post.thread.accepted_post_id = None
    db.session.execute(delete(PostRevision).where(PostRevision.post_id == post.id))


def anonymise_lessons(user: User) -> None:
    """Published lessons stay, without the person's name; drafts nobody else
    saw are deleted."""
    lessons = db.session.scalars(select(Lesson).where(Lesson.author_id == user.id))
    for lesson in lessons:
        if lesson.published_version_id is None:
            delete_lesson(lesson)
            continue
        versions = select(LessonVersion).where(LessonVersion.lesson_id == lesson.id)
        for version in db.session.scalars(versions):
            version.authors = version.authors.replace(user.display_name, DELETED_NAME)
        lesson.author_id = None
        db.session.flush()
        index_lesson(lesson)


def delete_lesson(lesson: Lesson) -> None:
    lesson.published_version_id = lesson.working_version_id = None
    db.session.flush()
    versions = select(LessonVersion.id).where(LessonVersion.lesson_id == lesson.id)
    db.session.execute(
        delete(ReviewComment).where(ReviewComment.lesson_id == lesson.id)
    )
    db.session.execute(
        delete(LessonCountry).where(LessonCountry.version_id.in_(versions))
    )
    db.session.execute(
        delete(lesson_version_dpgs).where(
            lesson_version_dpgs.c.version_id.in_(versions)
        )
    )
    db.session.execute(  # names it asked staff to add go with it
        delete(DpgSuggestion).where(
            DpgSuggestion.source_kind == "lesson_version",
            DpgSuggestion.source_id.in_(versions),
        )
    )
    db.session.execute(
        delete(LessonVersion).where(LessonVersion.lesson_id == lesson.id)
    )
    remove_document("lesson", lesson.id)
    db.session.delete(lesson)


def leave_events(user: User) -> None:
    """Drop the RSVPs; a freed seat of a date still to come goes to its wait list."""
    withdraw_everywhere(user)


def leave_communities(user: User) -> None:
    active = select(Membership).where(
        Membership.user_id == user.id, Membership.status == "active"
    )
    for row in db.session.scalars(active).all():
        change_member_count(row.community, -1)
    db.session.execute(delete(Membership).where(Membership.user_id == user.id))


def scrub_audit_entries(user: User) -> None:
    """The log keeps what happened, not who the person was: their names and
    addresses leave the details, and the addresses they acted from go."""
    about = select(audit.AuditLog).where(audit.AuditLog.subject_id == user.id)
    names = sorted(
        {user.username, user.email, user.display_name}, key=len, reverse=True
    )
    for entry in db.session.scalars(about):
        for name in names:
            entry.detail = entry.detail.replace(name, DELETED_NAME)
    db.session.execute(
        update(audit.AuditLog).where(audit.AuditLog.actor_id == user.id).values(ip="")
    )


def unlink_everything(user: User) -> None:
    """Every foreign key to users: cascading rows are deleted, others unlinked.
    Done here rather than left to the database, as SQLite enforces none."""
    users = User.__table__
    for table in db.metadata.sorted_tables:
        if table is users:
            continue
        for key in table.foreign_keys:
            if key.column.table is not users:
                continue
            column = key.parent
            matches = column == user.id
            if key.ondelete == "CASCADE" or not column.nullable:
                db.session.execute(delete(table).where(matches))
            else:
                db.session.execute(
                    update(table).where(matches).values({column.name: None})
                )


def post_counts(user: User) -> tuple[int, int]:
    """(posts that may lose their text, posts that stay whatever they choose)."""
    allowed = Community.allows_post_removal.is_(True)
    base = (
        select(func.count(Post.id))
        .join(Thread, Thread.id == Post.thread_id)
        .join(Community, Community.id == Thread.community_id)
        .where(Post.author_id == user.id, Post.deleted_at.is_(None))
    )
    removable = db.session.scalar(base.where(allowed)) or 0
    kept = db.session.scalar(base.where(~allowed)) or 0
    return removable, kept
