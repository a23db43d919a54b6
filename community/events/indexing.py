"""Events in the site search: title, description, place and type.

scheduling.py calls these in the transaction of each change (imports go
through the same functions); a cancelled event leaves the index.
"""

from collections.abc import Iterator

from sqlalchemy import select

from community.events.models import Event
from community.extensions import db
from community.search.indexing import index_document, reindexer, remove_document
from community.text import stored_html_text

KIND = "event"


def document_of(event: Event) -> dict:
    parts = [stored_html_text(event.description_html), event.location, event.event_type]
    return {
        "object_id": event.id,
        "title": event.title,
        "body": "\n\n".join(part for part in parts if part),
        "url": f"/events/{event.id}",
        "community_id": event.community_id,
        "happened_at": event.start_at,
        "author_id": event.organiser_id,
    }


def refresh_event(event: Event) -> None:
    """Bring the event's search document in step (out of search once cancelled)."""
    if event.status == "cancelled":
        remove_document(KIND, event.id)
    else:
        index_document(KIND, **document_of(event))


@reindexer(KIND)
def every_live_event() -> Iterator[dict]:
    """Every event that is not cancelled, for `flask search reindex`."""
    query = select(Event).where(Event.status != "cancelled").order_by(Event.id)
    for event in db.session.scalars(query):
        yield document_of(event)
