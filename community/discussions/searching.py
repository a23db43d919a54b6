"""The tag filter of /search (?tag=): threads with the tag and their replies,
as a SQL condition on the index's documents."""

from sqlalchemy import ColumnElement, and_, or_, select

from community.discussions.models import Tag, ThreadTag
from community.search.models import SearchDocument


def documents_tagged(name: str) -> ColumnElement[bool]:
    """Threads tagged `name` (in any community) and the replies in them."""
    tagged = (
        select(ThreadTag.thread_id)
        .join(Tag, Tag.id == ThreadTag.tag_id)
        .where(Tag.name == name[:30])
    )
    return or_(
        and_(SearchDocument.kind == "thread", SearchDocument.object_id.in_(tagged)),
        and_(SearchDocument.kind == "post", SearchDocument.parent_id.in_(tagged)),
    )
