"""Small factories with good defaults and unique names. They commit."""

import itertools

from werkzeug.security import generate_password_hash

from community.auth.models import User
from community.communities.models import Community, Membership
from community.extensions import db
from community.timezones import utcnow

PASSWORD = "correct horse battery"  # noqa: S105
_counter = itertools.count(1)
_password_hash: str | None = None


def unique(prefix: str) -> str:
    return f"{prefix}{next(_counter)}"


def password_hash() -> str:
    # scrypt is slow on purpose: hash the shared test password once.
    global _password_hash
    if _password_hash is None:
        _password_hash = generate_password_hash(PASSWORD, method="scrypt")
    return _password_hash


def make_user(**overrides) -> User:
    username = overrides.pop("username", None) or unique("user")
    values = {
        "email": f"{username.lower()}@example.org",
        "username": username,
        "username_key": username.lower(),
        "display_name": username.title(),
        "password_hash": password_hash(),
        "email_confirmed_at": utcnow(),
        "email_frequency": "never",
    }
    values.update(overrides)
    user = User(**values)
    db.session.add(user)
    db.session.commit()
    return user


def make_community(**overrides) -> Community:
    slug = overrides.pop("slug", None) or unique("community-")
    values = {
        "slug": slug,
        "name": slug.replace("-", " ").title(),
        "purpose": "A test community",
    }
    values.update(overrides)
    community = Community(**values)
    db.session.add(community)
    db.session.commit()
    return community


def make_membership(user: User, community: Community, **overrides) -> Membership:
    values = {"role": "member", "status": "active"}
    values.update(overrides)
    membership = Membership(user_id=user.id, community_id=community.id, **values)
    db.session.add(membership)
    if values["status"] == "active":
        community.member_count += 1
    db.session.commit()
    return membership


def make_lesson(author=None, status="published", community=None, **overrides):
    """A lesson in any state, made through the authoring service (v1 only).

    published_at= sets when it was published (for ordering tests).
    """
    from community.learnings.authoring import LessonFields, create_lesson

    author = author or make_user()
    published_at = overrides.pop("published_at", None) or utcnow()
    values = {
        "title": unique("Lesson "),
        "summary": "What the pilot taught us.",
        "pilot_name": "Test pilot",
        "sector": "identity",
        "stage": "pilot",
        "year": 2024,
        "authors": author.display_name,
        "organisation": "Ministry of Tests",
        "countries": ["KE"],
        "dpgs": ["MOSIP"],
        "sections": {"learned": "We learned to test early."},
    }
    values.update(overrides)
    for name in values["dpgs"]:  # the catalogue has the goods a test names
        catalogue_dpg(name)
    community_id = community.id if community is not None else None
    lesson = create_lesson(author, LessonFields(community_id=community_id, **values))
    if status in ("published", "archived"):
        version = lesson.working_version
        version.submitted_at = version.published_at = published_at
        lesson.published_version = version
        lesson.working_version = None
        lesson.published_at = lesson.first_published_at = published_at
        lesson.archived_at = published_at if status == "archived" else None
    lesson.status = status
    db.session.commit()
    return lesson


def make_thread(community: Community, author: User, **overrides):
    """A thread with its opening post, through the posting service."""
    from community.discussions import posting

    values = {
        "title": unique("A thread about interoperability "),
        "kind": "question",
        "source": "How do you do this?",
        "tags": [],
    }
    values.update(overrides)
    thread, _ = posting.start_thread(community, author, **values)
    db.session.commit()
    return thread


def make_reply(thread, author: User, source: str = "A helpful reply", parent=None):
    from community.discussions import posting

    post, _ = posting.reply(thread, author, source, parent)
    db.session.commit()
    return post


def make_event(community=None, organiser=None, **overrides):
    """A scheduled event through the real service (tomorrow 10:00 UTC by default)."""
    from datetime import timedelta

    from community.events.scheduling import EventData, create_event

    start = (utcnow() + timedelta(days=1)).replace(
        hour=10, minute=0, second=0, microsecond=0, tzinfo=None
    )
    values = {
        "title": unique("Event "),
        "timezone": "UTC",
        "start_local": start,
        "end_local": start + timedelta(hours=1),
        "event_type": "forum",
    }
    values.update(overrides)
    event, _notices = create_event(organiser, community, EventData(**values))
    db.session.commit()
    return event


def make_dpg(**overrides):
    """A catalogue DPG through the importer's own setter (facts as the registry's)."""
    from community.dpgs.importing import apply_facts, ensure_countries
    from community.dpgs.models import Dpg

    ensure_countries()
    name = overrides.pop("name", None) or unique("Good ")
    slug = overrides.pop("slug", None) or name.lower().replace(" ", "-")
    facts = {
        "name": name,
        "aliases": [],
        "description": "A digital public good for the tests.",
        "website": "https://good.example.org",
        "stage": "DPG",
        "licence": ["Apache-2.0"],
        "sdg": ["3"],
        "sector": ["Health"],
        "type": ["software"],
        "repositories": [],
        "organisations": [{"name": "Good Foundation", "role": "owner", "website": ""}],
        "countries": {"deployment": ["KE"], "development": []},
    }
    deployed = overrides.pop("deployed", None)
    if deployed is not None:
        facts["countries"] = {"deployment": deployed, "development": []}
    facts.update(overrides.pop("facts", {}))
    dpg = Dpg(slug=slug, registry_id=overrides.pop("registry_id", slug), **overrides)
    apply_facts(dpg, facts)
    db.session.add(dpg)
    db.session.commit()
    return dpg


def catalogue_dpg(name: str):
    """The catalogue's DPG of this name, made if missing."""
    from sqlalchemy import select

    from community.dpgs.models import Dpg

    found = db.session.scalar(select(Dpg).where(Dpg.name == name))
    return found or make_dpg(name=name, slug=name.lower().replace(" ", "-"))


def link_dpg(item, dpg) -> None:
    """Link a lesson (its current version), thread or event to a DPG."""
    from community.discussions.models import Thread
    from community.dpgs.models import event_dpgs, lesson_version_dpgs, thread_dpgs
    from community.events.models import Event

    if isinstance(item, Thread):
        row = thread_dpgs.insert().values(thread_id=item.id, dpg_id=dpg.id)
    elif isinstance(item, Event):
        row = event_dpgs.insert().values(event_id=item.id, dpg_id=dpg.id)
    else:
        version = item.published_version_id or item.working_version_id
        row = lesson_version_dpgs.insert().values(version_id=version, dpg_id=dpg.id)
    db.session.execute(row)
    db.session.commit()
