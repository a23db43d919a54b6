"""Demo step: lessons in every state, made through the real workflow services.

Idempotent: a lesson whose slug exists is left alone, so seeding twice adds
nothing. Editors (admin, jonas, maya) publish; never their own lesson.
"""

from datetime import datetime, timedelta

from sqlalchemy import select

from community.auth.models import User
from community.communities.models import Community
from community.demo.lesson_texts import DEMO_NOTE, LESSONS
from community.demo.users import demo_user
from community.extensions import db
from community.learnings import authoring, review
from community.learnings.authoring import LessonFields, slugify
from community.learnings.indexing import index_lesson
from community.learnings.models import Lesson
from community.timezones import utcnow


def demo_fields(entry: dict, author: User) -> LessonFields:
    sections = dict(entry["sections"])
    sections["context"] = sections["context"] + DEMO_NOTE
    community = None
    if entry["community"]:
        community = db.session.scalar(
            select(Community).where(Community.slug == entry["community"])
        )
    return LessonFields(
        title=entry["title"],
        summary=entry["summary"],
        pilot_name=entry["pilot_name"],
        sector=entry["sector"],
        stage=entry["stage"],
        year=entry["year"],
        authors=author.display_name,
        organisation=author.organisation,
        countries=entry["countries"],
        dpgs=entry["dpgs"],
        evidence_links="https://example.org/demo-report",
        community_id=community.id if community else None,
        sections=sections,
    )


def editor_for(author: User) -> User:
    """A publishing editor who is not the author (the second-editor rule)."""
    for username in ("jonas", "maya", "admin"):
        editor = demo_user(username)
        if editor is not None and editor.id != author.id:
            return editor
    raise RuntimeError("seed the demo users first")


def publish_now(lesson: Lesson, author: User, when: datetime) -> None:
    editor = editor_for(author)
    review.submit(author, lesson)
    version = review.publish(editor, lesson, lesson.working_version_id)
    db.session.refresh(lesson)
    # Spread publication dates so the listing and the feed look lived-in.
    lesson.published_at = version.published_at = when
    if version.number == 1:
        lesson.first_published_at = when
    index_lesson(lesson)  # again, with the back-dated time


def revise(lesson: Lesson, author: User, entry: dict) -> None:
    review.propose_revision(author, lesson)
    fields = authoring.fields_of(lesson.working_version, lesson.community_id)
    changes = dict(entry["revision"])
    fields.change_note = changes.pop("change_note", "")
    for name, value in changes.items():
        if name in fields.sections:
            fields.sections[name] = value + (DEMO_NOTE if name == "context" else "")
        else:
            setattr(fields, name, value)
    authoring.update_draft(author, lesson, fields)


def seed_one(entry: dict, when: datetime) -> None:
    author = demo_user(entry["author"])
    lesson = authoring.create_lesson(author, demo_fields(entry, author))
    state = entry["state"]
    if state == "in_review":
        review.submit(author, lesson)
    elif state == "sent_back":
        review.submit(author, lesson)
        review.send_back(
            editor_for(author), lesson, lesson.working_version_id, entry["comment"]
        )
    elif state != "draft":
        publish_now(lesson, author, when)
    if state in ("revised", "revising"):
        revise(lesson, author, entry)
        if state == "revised":
            publish_now(lesson, author, when + timedelta(days=20))
        else:
            review.submit(author, lesson)
    if state == "archived":
        review.archive(editor_for(author), lesson)
    db.session.flush()


def seed_lessons() -> list[str]:
    lines = []
    start = utcnow() - timedelta(days=400)
    for number, entry in enumerate(LESSONS):
        slug = slugify(entry["title"])
        if db.session.scalar(select(Lesson.id).where(Lesson.slug == slug)):
            continue
        seed_one(entry, start + timedelta(days=25 * number))
        lines.append(f"  lesson {slug} ({entry['state']})")
    return lines
