"""The organisation directory's query (filters and search) and an organisation
page's related content, each filtered by what the viewer may read."""

from dataclasses import dataclass

from sqlalchemy import Select, or_, select

from community.dpgs.models import Dpg
from community.extensions import db
from community.organisations.models import KINDS, Organisation, OrganisationDpg


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass
class DirectoryQuery:
    q: str = ""
    kind: str = ""
    country: str = ""
    dpg: str = ""
    member: bool = False

    @classmethod
    def from_args(cls, args) -> "DirectoryQuery":
        """Unknown values are dropped, never an error (links get shared and mangled)."""
        kind = args.get("kind", "")
        country = args.get("country", "").upper()[:2]
        return cls(
            q=" ".join(args.get("q", "").split())[:100],
            kind=kind if kind in KINDS else "",
            country=country if country.isalpha() and len(country) == 2 else "",
            dpg=args.get("dpg", "")[:100],
            member=args.get("member") == "1",
        )

    @property
    def is_filtered(self) -> bool:
        return bool(self.q or self.kind or self.country or self.dpg or self.member)

    def select(self) -> Select:
        query = select(Organisation)
        if self.q:
            pattern = _like(self.q)
            query = query.where(
                or_(
                    Organisation.name.ilike(pattern, escape="\\"),
                    Organisation.short_name.ilike(pattern, escape="\\"),
                    Organisation.description_source.ilike(pattern, escape="\\"),
                )
            )
        if self.kind:
            query = query.where(Organisation.kind == self.kind)
        if self.country:
            query = query.where(Organisation.country_code == self.country)
        if self.member:
            query = query.where(Organisation.roadmap_member_since.is_not(None))
        if self.dpg:
            linked = (
                select(OrganisationDpg.organisation_id)
                .join(Dpg, Dpg.id == OrganisationDpg.dpg_id)
                .where(Dpg.slug == self.dpg)
            )
            query = query.where(Organisation.id.in_(linked))
        return query.order_by(Organisation.name)


def linked_dpgs() -> list[Dpg]:
    """DPGs some organisation owns, funds or implements (the DPG filter's choices)."""
    linked = select(OrganisationDpg.dpg_id)
    return list(
        db.session.scalars(select(Dpg).where(Dpg.id.in_(linked)).order_by(Dpg.name))
    )
