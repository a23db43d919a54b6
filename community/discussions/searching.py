"""The tag filter of /search (?tag=): threads with the tag and their replies,
as a SQL condition on the index's documents. A synonym means its tag, as on
the tag's page and when posting."""

from sqlalchemy import ColumnElement, and_, or_, select

from community.discussions.models import Tag, ThreadTag
from community.discussions.moderation_models import TagSynonym
from community.search.models import SearchDocument


def documents_tagged(name: str) -> ColumnElement[bool]:
    """Threads tagged `name`, or the tag `name` is a synonym of (in any
    community), and the replies in them."""
    name = name[:30]
    meant = select(TagSynonym.tag_id).where(TagSynonym.name == name)
    tagged = (
        select(ThreadTag.thread_id)
        .join(Tag, Tag.id == ThreadTag.tag_id)
        .where(or_(Tag.name == name, Tag.id.in_(meant)))
    )
    return or_(
        and_(SearchDocument.kind == "thread", SearchDocument.object_id.in_(tagged)),
        and_(SearchDocument.kind == "post", SearchDocument.parent_id.in_(tagged)),
    )
