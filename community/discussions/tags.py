"""A community's tags: counts of what the viewer can see, synonyms, watchers.

Tags belong to one community (Tag.community_id), so their pages sit under the
community's address (/c/<slug>/tags/<name>), beside the existing tag list.
"""

from flask_babel import gettext as _
from sqlalchemy import Select, delete, func, select, update

from community import audit
from community.auth.models import User
from community.communities.models import Community
from community.discussions.indexing import refresh_thread
from community.discussions.models import Tag, Thread, ThreadTag
from community.discussions.moderation_models import TagSynonym
from community.extensions import db
from community.notifications.subscriptions import TAG, stop_everyone

MAX_NAME = 30


class TagRefused(Exception):
    """A synonym that cannot be: the tag's own name, or a name already taken."""


def listed_threads() -> Select:
    """Threads any reader of the community sees in its lists (not hidden)."""
    return select(Thread.id).where(Thread.is_hidden.is_(False))


def tag_counts(community: Community) -> list[tuple[Tag, int]]:
    """The tags on threads readers can see, with how many, most used first; a
    tag carried only by hidden threads is not shown at all (readers of the
    community only: the views 404 for anyone else)."""
    count = func.count(ThreadTag.thread_id)
    query = (
        select(Tag, count)
        .join(ThreadTag, ThreadTag.tag_id == Tag.id)
        .where(Tag.community_id == community.id)
        .where(ThreadTag.thread_id.in_(listed_threads()))
        .group_by(Tag.id)
        .order_by(count.desc(), Tag.name)
    )
    return [(tag, number) for tag, number in db.session.execute(query).all()]


def find_tag(community: Community, name: str) -> tuple[Tag | None, bool]:
    """(the tag named, or the one the name is a synonym of; True for a synonym)."""
    name = name.lower()[:MAX_NAME]
    tag = db.session.scalar(
        select(Tag).where(Tag.community_id == community.id, Tag.name == name)
    )
    if tag is not None:
        return tag, False
    synonym = db.session.scalar(
        select(TagSynonym).where(
            TagSynonym.community_id == community.id, TagSynonym.name == name
        )
    )
    return (synonym.tag, True) if synonym else (None, False)


def main_names(community_id: int, names: list[str]) -> list[str]:
    """The names with each synonym replaced by its main tag (order kept, once each)."""
    if not names:
        return []
    query = (
        select(TagSynonym.name, Tag.name)
        .join(Tag, Tag.id == TagSynonym.tag_id)
        .where(TagSynonym.community_id == community_id, TagSynonym.name.in_(names))
    )
    mains = dict(db.session.execute(query).all())
    return list(dict.fromkeys(mains.get(name, name) for name in names))


def synonyms_of(tag: Tag) -> list[TagSynonym]:
    query = select(TagSynonym).where(TagSynonym.tag_id == tag.id)
    return list(db.session.scalars(query.order_by(TagSynonym.name)))


def tagged_threads(tag: Tag) -> Select:
    """The tag page's list: the community's listed threads carrying the tag."""
    return (
        select(Thread)
        .join(ThreadTag, ThreadTag.thread_id == Thread.id)
        .where(ThreadTag.tag_id == tag.id, Thread.is_hidden.is_(False))
        .order_by(Thread.last_activity_at.desc(), Thread.id.desc())
    )


def absorb(tag: Tag, other: Tag) -> None:
    """Threads tagged `other` carry `tag` instead; `other` and its watches go."""
    threads = list(
        db.session.scalars(
            select(Thread)
            .join(ThreadTag, ThreadTag.thread_id == Thread.id)
            .where(ThreadTag.tag_id == other.id)
        )
    )
    for thread in threads:
        kept = [t for t in thread.tags if t.id != other.id]
        thread.tags = kept + ([tag] if tag not in kept else [])
    db.session.execute(
        update(TagSynonym)
        .where(TagSynonym.tag_id == other.id)
        .values(tag_id=tag.id)
        .execution_options(synchronize_session=False)
    )
    stop_everyone(TAG, other.id)
    db.session.delete(other)
    db.session.flush()
    for thread in threads:
        refresh_thread(thread)


def add_synonym(
    community: Community, tag: Tag, name: str, actor: User, ip: str = ""
) -> TagSynonym:
    """`name` now means `tag`; a tag already called so is merged into it."""
    name = name.strip().lower().lstrip("#")
    if not name or name == tag.name:
        raise TagRefused(_("Give another name than the tag's own."))
    found, is_synonym = find_tag(community, name)
    if is_synonym:
        raise TagRefused(_("“%(name)s” is already a synonym.", name=name))
    if found is not None:
        absorb(tag, found)
    synonym = TagSynonym(community_id=tag.community_id, name=name, tag=tag)
    db.session.add(synonym)
    audit.record(actor, "tag.synonym", tag, detail=f"{name} -> {tag.name}", ip=ip)
    db.session.flush()
    return synonym


def remove_synonym(tag: Tag, synonym_id: int, actor: User, ip: str = "") -> bool:
    """The name stops meaning the tag (False when it was not one of its synonyms)."""
    synonym = db.session.get(TagSynonym, synonym_id)
    if synonym is None or synonym.tag_id != tag.id:
        return False
    detail = f"{synonym.name} -/-> {tag.name}"
    db.session.execute(delete(TagSynonym).where(TagSynonym.id == synonym.id))
    audit.record(actor, "tag.unsynonym", tag, detail=detail, ip=ip)
    return True
