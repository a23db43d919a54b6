"""Creating and editing organisation records, their logos and their DPG links."""

import re
import unicodedata

from sqlalchemy import delete, select

from community import audit
from community.dpgs.country_rows import ensure_country
from community.dpgs.models import Dpg
from community.extensions import db
from community.organisations.indexing import index_organisation
from community.organisations.models import (
    DPG_RELATIONS,
    Organisation,
    OrganisationDpg,
    OrganisationLogo,
)
from community.text import render_markdown
from community.timezones import utcnow

# The registry's organizations[].org_type -> our relation.
REGISTRY_ROLES = {"owner": "owns", "funder": "funds", "implementer": "implements"}


RESERVED_SLUGS = {"new"}  # /organisations/new and /roadmap/new are pages


def name_key(name: str) -> str:
    return " ".join(name.split()).lower()[:200]


def slugify(text: str, limit: int = 70) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-")
    return slug or "organisation"


def unique_slug(model, text: str) -> str:
    """A slug for `text` not yet used by any row of `model` (adds -2, -3 ...)."""
    base = slugify(text)
    taken = RESERVED_SLUGS | set(
        db.session.scalars(select(model.slug).where(model.slug.like(f"{base}%")))
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def find_by_name(name: str) -> Organisation | None:
    return db.session.scalar(
        select(Organisation).where(Organisation.name_key == name_key(name))
    )


def create_organisation(actor, name: str, **fields) -> Organisation:
    """A new organisation record (the caller checked the name is free)."""
    organisation = Organisation(
        name=" ".join(name.split()),
        name_key=name_key(name),
        slug=unique_slug(Organisation, name),
    )
    db.session.add(organisation)
    update_organisation(
        actor, organisation, audit_action="organisation.create", **fields
    )
    return organisation


def update_organisation(
    actor,
    organisation: Organisation,
    *,
    audit_action: str = "organisation.edit",
    **fields,
) -> None:
    """Set the given fields (name, kind, country_code, website, description ...)."""
    if "name" in fields:
        organisation.name = " ".join(fields.pop("name").split())
        organisation.name_key = name_key(organisation.name)
    if "country_code" in fields:
        organisation.country_code = ensure_country(fields.pop("country_code"))
    if "description" in fields:
        organisation.description_source = fields.pop("description") or ""
        organisation.description_html = str(
            render_markdown(organisation.description_source)
        )
    for key, value in fields.items():
        setattr(organisation, key, value or "")
    if organisation.created_at is None:
        organisation.created_at = utcnow()
    db.session.flush()
    index_organisation(organisation)
    audit.record(actor, audit_action, organisation)


def set_logo(actor, organisation: Organisation, png: bytes | None) -> None:
    """Store the re-encoded logo (logos.reencode), or remove it with None."""
    row = db.session.get(OrganisationLogo, organisation.id)
    if png is None:
        if row is not None:
            db.session.delete(row)
        organisation.logo_updated_at = None
    else:
        if row is None:
            row = OrganisationLogo(organisation_id=organisation.id, image=png)
            db.session.add(row)
        row.image, row.mimetype = png, "image/png"
        organisation.logo_updated_at = utcnow()
    audit.record(
        actor,
        "organisation.logo",
        organisation,
        detail="removed" if png is None else "",
    )


def link_dpg(organisation: Organisation, dpg: Dpg, relation: str) -> None:
    exists = db.session.get(OrganisationDpg, (organisation.id, dpg.id, relation))
    if exists is None:
        db.session.add(
            OrganisationDpg(
                organisation_id=organisation.id, dpg_id=dpg.id, relation=relation
            )
        )
        db.session.flush()


def set_dpg_links(organisation: Organisation, wanted: dict[str, list[int]]) -> None:
    """Replace the DPGs the organisation owns, funds and implements (unknown ids
    are dropped)."""
    db.session.execute(
        delete(OrganisationDpg).where(
            OrganisationDpg.organisation_id == organisation.id
        )
    )
    for relation in DPG_RELATIONS:
        ids = [int(i) for i in wanted.get(relation, [])]
        for dpg in (
            db.session.scalars(select(Dpg).where(Dpg.id.in_(ids))) if ids else []
        ):
            link_dpg(organisation, dpg, relation)


def dpg_link_ids(organisation: Organisation) -> dict[str, list[str]]:
    rows = db.session.scalars(
        select(OrganisationDpg).where(
            OrganisationDpg.organisation_id == organisation.id
        )
    )
    found: dict[str, list[str]] = {relation: [] for relation in DPG_RELATIONS}
    for row in rows:
        found.setdefault(row.relation, []).append(str(row.dpg_id))
    return found


def link_registry_organisations(dpg: Dpg) -> list[Organisation]:
    """The DPG importer's hook: map the record's organizations[] (owners, funders)
    onto organisation records by name, making records for names not yet known."""
    linked = []
    for entry in dpg.organisations or []:
        if not isinstance(entry, dict):
            continue
        name = " ".join(str(entry.get("name") or "").split())[:200]
        role = str(entry.get("role") or entry.get("org_type") or "").lower()
        relation = REGISTRY_ROLES.get(role)
        if not name or relation is None:
            continue
        organisation = find_by_name(name) or create_organisation(
            None,
            name,
            kind="dpg_owner" if relation == "owns" else "funder",
            website=_http_only(str(entry.get("website") or "")),
        )
        link_dpg(organisation, dpg, relation)
        linked.append(organisation)
    return linked


def _http_only(url: str) -> str:
    url = url.strip()[:500]
    return url if url.startswith(("https://", "http://")) else ""
