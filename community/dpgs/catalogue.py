"""The catalogue at /dpgs/: filters from the URL, the options to filter by, and
the sort orders. One query for every filter's options, whatever the data size.

The lesson counts are the viewer's: members-only lessons count only for
members, so a number never reveals a lesson the viewer cannot open.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, Select, distinct, func, literal, select, union_all
from sqlalchemy.orm import selectinload

from community.countries import country_name
from community.dpgs.models import Dpg, DpgCountry, DpgFacet, lesson_version_dpgs
from community.extensions import db
from community.learnings.models import Lesson
from community.learnings.permissions import lesson_visibility

FILTERS = {
    "sector": _l("Sector"),
    "sdg": _l("Sustainable Development Goal"),
    "licence": _l("Licence"),
    "country": _l("Deployed in"),
    "stage": _l("Stage"),
}
SORTS = {
    "name": _l("Name"),
    "lessons": _l("Most lessons"),
    "deployments": _l("Most deployments"),
}


@dataclass
class DpgQuery:
    """The list's state, read from and written back to the URL."""

    q: str = ""
    sort: str = "name"
    sector: str = ""
    sdg: str = ""
    licence: str = ""
    country: str = ""
    stage: str = ""

    @classmethod
    def from_args(cls, args) -> "DpgQuery":
        values = {name: args.get(name, "").strip()[:150] for name in FILTERS}
        values["country"] = values["country"].upper()[:2]
        sort = args.get("sort", "name")
        return cls(
            q=args.get("q", "").strip()[:100],
            sort=sort if sort in SORTS else "name",
            **values,
        )

    @property
    def filters(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in FILTERS if getattr(self, name)}

    def to_args(self, **changes) -> dict:
        args = {**self.filters, "q": self.q, "sort": self.sort, **changes}
        if args.get("sort") == "name":
            args.pop("sort")
        return {key: value for key, value in args.items() if value}


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def conditions(query: DpgQuery) -> list[ColumnElement[bool]]:
    found = []
    for facet in ("sector", "sdg", "licence"):
        value = getattr(query, facet)
        if value:
            found.append(
                select(DpgFacet.dpg_id)
                .where(
                    DpgFacet.dpg_id == Dpg.id,
                    DpgFacet.facet == facet,
                    DpgFacet.value == value,
                )
                .exists()
            )
    if query.country:
        found.append(
            select(DpgCountry.dpg_id)
            .where(
                DpgCountry.dpg_id == Dpg.id,
                DpgCountry.kind == "deployment",
                DpgCountry.country_code == query.country,
            )
            .exists()
        )
    if query.stage:
        found.append(Dpg.stage == query.stage)
    if query.q:
        found.append(Dpg.name.ilike(_like(query.q), escape="\\"))
    return found


def lesson_count_column(viewer) -> ColumnElement[int]:
    """Correlated count of the viewer's readable published lessons naming Dpg."""
    return (
        select(func.count(distinct(Lesson.id)))
        .select_from(lesson_version_dpgs)
        .join(Lesson, Lesson.published_version_id == lesson_version_dpgs.c.version_id)
        .where(
            lesson_version_dpgs.c.dpg_id == Dpg.id,
            Lesson.status != "archived",
            lesson_visibility(viewer),
        )
        .correlate(Dpg)
        .scalar_subquery()
    )


def search(viewer, query: DpgQuery) -> Select:
    """DPGs matching the filters, in the chosen order, facets loaded."""
    statement = select(Dpg).where(*conditions(query))
    if query.sort == "lessons":
        statement = statement.order_by(lesson_count_column(viewer).desc())
    elif query.sort == "deployments":
        statement = statement.order_by(Dpg.deployment_count.desc())
    order = statement.order_by(func.lower(Dpg.name), Dpg.id)
    return order.options(selectinload(Dpg.facets))


def lesson_counts(viewer, dpgs: list[Dpg]) -> dict[int, int]:
    """Readable published lessons per DPG, for one page of the list (one query)."""
    if not dpgs:
        return {}
    statement = (
        select(lesson_version_dpgs.c.dpg_id, func.count(distinct(Lesson.id)))
        .join(Lesson, Lesson.published_version_id == lesson_version_dpgs.c.version_id)
        .where(
            lesson_version_dpgs.c.dpg_id.in_([dpg.id for dpg in dpgs]),
            Lesson.status != "archived",
            lesson_visibility(viewer),
        )
        .group_by(lesson_version_dpgs.c.dpg_id)
    )
    return dict(db.session.execute(statement).all())


@dataclass
class Option:
    value: str
    label: str
    count: int


def filter_options() -> dict[str, list[Option]]:
    """Every value each filter can take, with how many DPGs have it (one query)."""
    facets = select(DpgFacet.facet, DpgFacet.value, func.count()).group_by(
        DpgFacet.facet, DpgFacet.value
    )
    countries = (
        select(literal("country"), DpgCountry.country_code, func.count())
        .where(DpgCountry.kind == "deployment")
        .group_by(DpgCountry.country_code)
    )
    stages = (
        select(literal("stage"), Dpg.stage, func.count())
        .where(Dpg.stage != "")
        .group_by(Dpg.stage)
    )
    options: dict[str, list[Option]] = {name: [] for name in FILTERS}
    for facet, value, count in db.session.execute(union_all(facets, countries, stages)):
        if facet in options:
            options[facet].append(Option(value, option_label(facet, value), count))
    for facet, values in options.items():
        values.sort(key=lambda option: _order(facet, option))
    return options


def option_label(facet: str, value: str) -> str:
    if facet == "country":
        return country_name(value) or value
    if facet == "sdg":
        return f"SDG {value}"
    return value


def _order(facet: str, option: Option) -> tuple:
    if facet == "sdg":
        return (int(option.value) if option.value.isdigit() else 99,)
    return (option.label.lower(),)
