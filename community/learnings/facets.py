"""The library's listing: filters from the URL, facet counts, text query, sorting.

Within one facet the chosen values are alternatives (OR); across facets they
all apply (AND). Each facet's counts apply every filter except its own, so a
count says how many lessons picking that value would add or leave.
One count query per facet, whatever the amount of data.
"""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, Select, and_, case, distinct, func, or_, select
from sqlalchemy.orm import aliased, selectinload

from community.countries import REGIONS, countries, country_name
from community.extensions import db
from community.learnings.models import (
    SECTIONS,
    SECTORS,
    STAGES,
    DpgTag,
    Lesson,
    LessonCountry,
    LessonVersion,
    lesson_version_dpg_tags,
)
from community.learnings.permissions import lesson_visibility

FACETS = {
    "region": _l("Region"),
    "country": _l("Country"),
    "sector": _l("Sector"),
    "dpg": _l("Digital public good"),
    "stage": _l("Stage"),
    "year": _l("Year"),
}
SORTS = {"newest": _l("Newest"), "relevant": _l("Most relevant")}
MAX_TERMS = 6

Published = aliased(LessonVersion, name="published")


@dataclass
class LessonQuery:
    """The listing's whole state, read from and written back to the URL."""

    q: str = ""
    sort: str = "newest"
    archived: bool = False
    selected: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_args(cls, args) -> "LessonQuery":
        selected = {}
        for name in FACETS:
            values = [value for value in args.getlist(name) if is_known(name, value)]
            if values:
                selected[name] = tuple(dict.fromkeys(values))[:20]
        sort = args.get("sort", "newest")
        return cls(
            q=args.get("q", "").strip()[:200],
            sort=sort if sort in SORTS else "newest",
            archived=args.get("archived") == "1",
            selected=selected,
        )

    def to_args(self, **changes) -> dict:
        args: dict = {name: list(values) for name, values in self.selected.items()}
        if self.q:
            args["q"] = self.q
        if self.sort != "newest":
            args["sort"] = self.sort
        if self.archived:
            args["archived"] = "1"
        args.update(changes)
        return {key: value for key, value in args.items() if value not in ("", [])}

    def toggled(self, name: str, value: str) -> dict:
        """The URL arguments with one facet value switched on or off (page 1)."""
        values = list(self.selected.get(name, ()))
        values = (
            [v for v in values if v != value] if value in values else values + [value]
        )
        return self.to_args(**{name: values})

    def is_selected(self, name: str, value: str) -> bool:
        chosen = self.selected.get(name, ())
        if name == "dpg":  # tag names match whatever their case
            return value.lower() in {item.lower() for item in chosen}
        return value in chosen

    @property
    def terms(self) -> list[str]:
        return self.q.split()[:MAX_TERMS]


def is_known(name: str, value: str) -> bool:
    """Only values a facet can have reach the SQL (unknown ones are dropped)."""
    if name == "region":
        return value in REGIONS
    if name == "country":
        return value in countries()
    if name == "sector":
        return value in SECTORS
    if name == "stage":
        return value in STAGES
    if name == "year":
        return value.isdigit() and 1900 < int(value) < 2200
    return name == "dpg" and 0 < len(value) <= 60


def facet_condition(name: str, values: tuple[str, ...]) -> ColumnElement[bool]:
    if name == "sector":
        return Published.sector.in_(values)
    if name == "stage":
        return Published.stage.in_(values)
    if name == "year":
        return Published.year.in_([int(value) for value in values])
    if name in ("country", "region"):
        # Aliases: the count queries join these tables too, and a subquery on
        # the same table would correlate with them instead of filtering.
        place = aliased(LessonCountry)
        column = place.code if name == "country" else place.region
        return (
            select(place.version_id)
            .where(place.version_id == Published.id, column.in_(values))
            .exists()
        )
    tagging = lesson_version_dpg_tags.alias("tagging")
    tag = aliased(DpgTag)
    return (
        select(tagging.c.version_id)
        .join(tag, tag.id == tagging.c.dpg_tag_id)
        .where(
            tagging.c.version_id == Published.id,
            tag.name_key.in_([value.lower() for value in values]),
        )
        .exists()
    )


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def text_columns() -> list[ColumnElement[str]]:
    return [Published.title, Published.summary, Published.pilot_name] + [
        getattr(Published, f"{prefix}_source") for prefix, _ in SECTIONS
    ]


def text_condition(terms: list[str]) -> ColumnElement[bool]:
    """Every word somewhere in the title, summary, pilot name or sections."""
    return and_(
        *(
            or_(*(column.ilike(_like(term), escape="\\") for column in text_columns()))
            for term in terms
        )
    )


def relevance(terms: list[str]) -> ColumnElement[int]:
    """Title hits weigh most, then the summary, then the body."""
    score = 0
    for term in terms:
        pattern = _like(term)
        score = score + case((Published.title.ilike(pattern, escape="\\"), 4), else_=0)
        score = score + case(
            (Published.summary.ilike(pattern, escape="\\"), 2), else_=0
        )
    return score


def conditions(viewer, query: LessonQuery, skip: str | None = None) -> list:
    found = [lesson_visibility(viewer)]
    if not query.archived:
        found.append(Lesson.status != "archived")
    if query.terms:
        found.append(text_condition(query.terms))
    for name, values in query.selected.items():
        if name != skip:
            found.append(facet_condition(name, values))
    return found


def published_lessons() -> Select:
    return select(Lesson).join(Published, Published.id == Lesson.published_version_id)


def search(viewer, query: LessonQuery) -> Select:
    """Published lessons the viewer may read, filtered and sorted."""
    statement = published_lessons().where(*conditions(viewer, query))
    order = [Lesson.published_at.desc(), Lesson.id.desc()]
    if query.sort == "relevant" and query.terms:
        order.insert(0, relevance(query.terms).desc())
    return statement.order_by(*order).options(*listing_loads())


def listing_loads() -> list:
    """What a lesson row shows, loaded up front (no query per row)."""
    version = selectinload(Lesson.published_version)
    return [
        version.selectinload(LessonVersion.countries),
        version.selectinload(LessonVersion.dpg_tags),
    ]


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


def facet_counts(viewer, query: LessonQuery) -> dict[str, list[FacetValue]]:
    """Counts per value for every facet (one query each)."""
    return {name: _count_facet(viewer, query, name) for name in FACETS}


def _value_column(name: str) -> ColumnElement:
    return {
        "region": LessonCountry.region,
        "country": LessonCountry.code,
        "sector": Published.sector,
        "stage": Published.stage,
        "year": Published.year,
        "dpg": DpgTag.name,
    }[name]


def _count_facet(viewer, query: LessonQuery, name: str) -> list[FacetValue]:
    column = _value_column(name)
    statement = select(column, func.count(distinct(Lesson.id))).select_from(Lesson)
    statement = statement.join(Published, Published.id == Lesson.published_version_id)
    if name in ("region", "country"):
        statement = statement.join(
            LessonCountry, LessonCountry.version_id == Published.id
        )
    if name == "dpg":
        statement = statement.join(
            lesson_version_dpg_tags,
            lesson_version_dpg_tags.c.version_id == Published.id,
        ).join(DpgTag, DpgTag.id == lesson_version_dpg_tags.c.dpg_tag_id)
    statement = statement.where(*conditions(viewer, query, skip=name))
    rows = db.session.execute(statement.group_by(column)).all()
    counts = {str(value): count for value, count in rows}
    shown = {value.lower() for value in counts}
    for value in query.selected.get(name, ()):
        if value.lower() not in shown:  # keep a chosen value visible to undo it
            counts[value] = 0
    values = [
        FacetValue(
            value, facet_label(name, value), count, query.is_selected(name, value)
        )
        for value, count in counts.items()
    ]
    return sorted(values, key=lambda item: _facet_order(name, item))


def _facet_order(name: str, item: FacetValue) -> tuple:
    if name == "year":
        return (-int(item.value),)
    if name in ("sector", "stage"):
        order = list(SECTORS if name == "sector" else STAGES)
        return (order.index(item.value),)
    return (-item.count, item.label.lower())


def facet_label(name: str, value: str) -> str:
    if name == "country":
        return country_name(value) or value
    if name == "sector":
        return str(SECTORS.get(value, value))
    if name == "stage":
        return str(STAGES.get(value, value))
    return value


FEED_SIZE = 30


def newest_lessons(viewer, limit: int = FEED_SIZE) -> list[Lesson]:
    """Published, not archived, readable by the viewer; newest first."""
    statement = (
        published_lessons()
        .where(Lesson.status != "archived", lesson_visibility(viewer))
        .order_by(Lesson.published_at.desc(), Lesson.id.desc())
        .limit(limit)
        .options(*listing_loads())
    )
    return list(db.session.scalars(statement))
