"""DPGs in the site search: one public document per good (name, other names,
description, sectors, organisations, where it is deployed), kept in step by the
importer and the staff form."""

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from community.countries import country_name
from community.dpgs.models import Dpg
from community.extensions import db
from community.search.indexing import index_document, reindexer
from community.text import plain_text

KIND = "dpg"


def document_of(dpg: Dpg) -> dict:
    """The keyword arguments of index_document for one DPG."""
    parts = [
        ", ".join(dpg.aliases),
        dpg.description,
        ", ".join(dpg.facet_values("sector") + dpg.facet_values("type")),
        ", ".join(organisation["name"] for organisation in dpg.organisations),
        ", ".join(country_name(row.country_code) for row in dpg.countries),
        plain_text(dpg.notes_source) if dpg.notes_source else "",
    ]
    return {
        "object_id": dpg.id,
        "title": dpg.name,
        "body": "\n\n".join(part for part in parts if part),
        "url": f"/dpgs/{dpg.slug}",
        "community_id": None,  # the catalogue is public
        "happened_at": dpg.imported_at or dpg.created_at,
    }


def index_dpg(dpg: Dpg) -> None:
    index_document(KIND, **document_of(dpg))


@reindexer(KIND)
def every_dpg() -> Iterator[dict]:
    """Every DPG, for `flask search reindex`."""
    dpgs = db.session.scalars(
        select(Dpg).options(selectinload(Dpg.facets), selectinload(Dpg.countries))
    )
    for dpg in dpgs:
        yield document_of(dpg)
