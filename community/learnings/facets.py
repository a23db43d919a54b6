"""The library's listing: filters from the URL, facet counts, text query, sorting.

Within one facet the chosen values are alternatives (OR); across facets they
all apply (AND). Each facet's counts apply every filter except its own, so a
count says how many lessons picking that value would add or leave.
One grouped query per facet, all in one statement, whatever the amount of data.
"""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    case,
    cast,
    distinct,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import aliased, contains_eager

from community.content_languages import content_language_label, is_content_language
from community.countries import REGION_LABELS, REGIONS, countries, country_name
from community.dpgs.models import Dpg, lesson_version_dpgs
from community.extensions import db
from community.learnings.models import (
    SECTIONS,
    SECTORS,
    STAGES,
    Lesson,
    LessonCountry,
    LessonVersion,
)
from community.learnings.permissions import lesson_visibility

FACETS = {
    "region": _l("Region"),
    "country": _l("Country"),
    "sector": _l("Sector"),
    "dpg": _l("Digital public good"),
    "stage": _l("Stage"),
    "year": _l("Year"),
    "language": _l("Language"),  # ?language= (community/content_languages.py)
}
SORTS = {"newest": _l("Newest"), "relevant": _l("Most relevant")}
MAX_TERMS = 6

Published = aliased(LessonVersion, name="published")
# Aliases for the facet filters: the count queries join these tables too, and a
# subquery on the same table would correlate with them instead of filtering.
# Made once: building an alias per request costs milliseconds.
PLACE = aliased(LessonCountry, name="place")
LINKING = lesson_version_dpgs.alias("linking")
LINKED_DPG = aliased(Dpg, name="linked_dpg")


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
            if name == "dpg":  # a catalogue slug, or (older links) a DPG's name
                values = [value.lower() for value in values]
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
    if name == "language":
        return is_content_language(value)
    return name == "dpg" and 0 < len(value) <= 100  # a catalogue slug


def facet_condition(name: str, values: tuple[str, ...]) -> ColumnElement[bool]:
    if name == "sector":
        return Published.sector.in_(values)
    if name == "stage":
        return Published.stage.in_(values)
    if name == "year":
        return Published.year.in_([int(value) for value in values])
    if name == "language":
        return Published.language.in_(values)
    if name in ("country", "region"):
        column = PLACE.code if name == "country" else PLACE.region
        return (
            select(PLACE.version_id)
            .where(PLACE.version_id == Published.id, column.in_(values))
            .exists()
        )
    return (
        select(LINKING.c.version_id)
        .join(LINKED_DPG, LINKED_DPG.id == LINKING.c.dpg_id)
        .where(
            LINKING.c.version_id == Published.id,
            or_(LINKED_DPG.slug.in_(values), func.lower(LINKED_DPG.name).in_(values)),
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
    """What a lesson row shows, loaded up front (no query per row): the
    published version from the listing's own join, its countries and tags."""
    version = contains_eager(Lesson.published_version.of_type(Published))
    return [
        version.selectinload(Published.countries),
        version.selectinload(Published.dpgs),
    ]


def summary_loads() -> list:
    """Title, summary, year and sector only (home, a community's page): the
    published version comes with the row, in the same query."""
    return [contains_eager(Lesson.published_version.of_type(Published))]


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


def facet_counts(viewer, query: LessonQuery) -> dict[str, list[FacetValue]]:
    """Counts per value for every facet: one grouped query per facet over the
    indexed link tables, all sent as one UNION ALL."""
    branches = [_count_facet(viewer, query, name) for name in FACETS]
    counts: dict[str, dict[str, int]] = {name: {} for name in FACETS}
    labels: dict[str, dict[str, str]] = {name: {} for name in FACETS}
    rows = db.session.execute(union_all(*branches)).all()
    for name, value, label, count in rows:
        counts[name][str(value)] = count
        if label:
            labels[name][str(value)] = label
    return {
        name: _facet_values(query, name, counts[name], labels[name]) for name in FACETS
    }


def _value_column(name: str) -> ColumnElement:
    return {
        "region": LessonCountry.region,
        "country": LessonCountry.code,
        "sector": Published.sector,
        "stage": Published.stage,
        "year": Published.year,
        "language": Published.language,
        "dpg": Dpg.slug,
    }[name]


def _count_facet(viewer, query: LessonQuery, name: str) -> Select:
    column = _value_column(name)
    # DPGs carry their name as the label; the other facets' labels are derived.
    label = Dpg.name if name == "dpg" else cast(null(), String)
    statement = select(
        literal(name).label("facet"),
        cast(column, String).label("value"),
        label.label("label"),
        func.count(distinct(Lesson.id)).label("count"),
    ).select_from(Lesson)
    statement = statement.join(Published, Published.id == Lesson.published_version_id)
    if name in ("region", "country"):
        statement = statement.join(
            LessonCountry, LessonCountry.version_id == Published.id
        )
    if name == "dpg":
        statement = statement.join(
            lesson_version_dpgs, lesson_version_dpgs.c.version_id == Published.id
        ).join(Dpg, Dpg.id == lesson_version_dpgs.c.dpg_id)
    statement = statement.where(*conditions(viewer, query, skip=name))
    if name == "language":  # lessons from before content languages say nothing
        statement = statement.where(Published.language != "")
    return statement.group_by(*([column, Dpg.name] if name == "dpg" else [column]))


def _facet_values(
    query: LessonQuery, name: str, counts: dict[str, int], labels: dict[str, str]
) -> list[FacetValue]:
    shown = {value.lower() for value in counts}
    for value in query.selected.get(name, ()):
        if value.lower() not in shown:  # keep a chosen value visible to undo it
            counts[value] = 0
    values = [
        FacetValue(
            value,
            labels.get(value) or facet_label(name, value),
            count,
            query.is_selected(name, value),
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
    if name == "region":
        return str(REGION_LABELS.get(value, value))
    if name == "language":
        return content_language_label(value)
    return value


FEED_SIZE = 30


def newest_lessons(
    viewer, limit: int = FEED_SIZE, versions: Select | None = None, loads=None
) -> list[Lesson]:
    """Published, not archived, readable by the viewer; newest first (only those
    whose published version is among `versions`, when given)."""
    statement = (
        published_lessons()
        .where(Lesson.status != "archived", lesson_visibility(viewer))
        .order_by(Lesson.published_at.desc(), Lesson.id.desc())
        .limit(limit)
        .options(*(listing_loads() if loads is None else loads))
    )
    if versions is not None:
        statement = statement.where(Published.id.in_(versions))
    return list(db.session.scalars(statement))
