"""Organisations in the site search: name, short name, kind, country, description."""

from collections.abc import Iterator

from sqlalchemy import select

from community.extensions import db
from community.organisations.models import Organisation
from community.search.indexing import index_document, reindexer
from community.text import plain_text

KIND = "organisation"


def document_of(organisation: Organisation) -> dict:
    """The keyword arguments of index_document for an organisation."""
    parts = [
        organisation.short_name,
        # The key, not the label: indexing runs outside requests too (seed-demo),
        # where there is no language to translate into.
        organisation.kind.replace("_", " "),
        organisation.country_name,
        plain_text(organisation.description_source),
    ]
    return {
        "object_id": organisation.id,
        "title": organisation.name,
        "body": "\n\n".join(part for part in parts if part),
        "url": f"/organisations/{organisation.slug}",
        "community_id": None,  # organisations are public
        "happened_at": organisation.created_at,
    }


def index_organisation(organisation: Organisation) -> None:
    """Put (or replace) the organisation in the search index."""
    index_document(KIND, **document_of(organisation))


@reindexer(KIND)
def every_organisation() -> Iterator[dict]:
    """Every organisation, for `flask search reindex`."""
    for organisation in db.session.scalars(select(Organisation)):
        yield document_of(organisation)
