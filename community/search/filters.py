"""What a search is narrowed to: the query-string filters, checked by a form
and turned into conditions on the index's documents.

The parameter names are the ones events and lessons use too (docs/search.md):
`type`, `community`, `author`, `tag`, `from`, `to`, `country`, `dpg`, `sort`.
Older links keep working: `kind=` means `type=`, `sort=date` means `sort=newest`.
A community the viewer may not read, an unknown person, tag or DPG match
nothing, exactly as an unknown one would, so a filter never tells what exists.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, or_, select
from wtforms import BooleanField, DateField, SelectField, StringField, ValidationError
from wtforms.validators import Length, Optional

from community.auth.models import User
from community.communities.models import Community
from community.communities.permissions import readable_community, visible_communities
from community.countries import countries
from community.discussions.searching import documents_tagged
from community.dpgs import searching
from community.dpgs.models import Dpg
from community.extensions import db
from community.filter_names import canonical_args
from community.forms import QueryForm, strip_filter
from community.search.models import KINDS, SearchDocument

SORTS = {"relevance": _l("relevance"), "newest": _l("date")}
# The filters a no-results page offers to remove, in the order shown.
REMOVABLE = (
    "type",
    "community",
    "author",
    "tag",
    "from",
    "to",
    "country",
    "dpg",
    "solved",
)


class SearchFilterForm(QueryForm):
    """/search's filters, read from the query string (the page and the API)."""

    type = SelectField(
        _l("Show"),
        choices=[("", _l("everything")), *KINDS.items()],
        validators=[Optional()],
    )
    community = StringField(_l("Community"), [Optional(), Length(max=60)])
    author = StringField(
        _l("Written by (username)"), [Optional(), Length(max=80)], [strip_filter]
    )
    tag = StringField(_l("Tag"), [Optional(), Length(max=30)], [strip_filter])
    since = DateField(_l("From"), [Optional()], name="from")
    until = DateField(_l("To"), [Optional()], name="to")
    country = StringField(_l("Country"), [Optional(), Length(max=2)])
    dpg = StringField(_l("Digital public good"), [Optional(), Length(max=100)])
    solved = BooleanField(_l("Solved questions only"))
    sort = SelectField(_l("Sort by"), choices=list(SORTS.items()), default="relevance")

    def validate_until(self, field) -> None:
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError(_("The end date comes before the start date."))

    def validate_country(self, field) -> None:
        if field.data and field.data.upper() not in countries():
            raise ValidationError(
                _("Give a country as its two-letter code, such as KE or BR.")
            )


@dataclass
class Filters:
    kind: str | None = None
    community_id: int | None = None
    author_id: int | None = None
    solved_only: bool = False
    since: datetime | None = None
    until: datetime | None = None  # exclusive: the day after the `to` date
    sort: str = "relevance"  # or "newest"
    # Conditions on SearchDocument from other features (?dpg=, ?country=, ?tag=).
    conditions: tuple = ()

    def is_narrowed(self) -> bool:
        return bool(
            self.kind
            or self.community_id
            or self.author_id
            or self.solved_only
            or self.since
            or self.until
            or self.conditions
        )


def read_filters(args, viewer) -> tuple[SearchFilterForm, Filters, Community | None]:
    """The form over the query string and, when it is valid, its filters."""
    args = canonical_args(args)
    if args.get("solved") == "true":
        args["solved"] = "1"
    form = SearchFilterForm(args)
    if not form.validate():
        return form, Filters(), None
    community = readable_community(form.community.data or "", viewer)
    filters = Filters(
        kind=form.type.data or None,
        community_id=community.id
        if community
        else (-1 if form.community.data else None),
        author_id=author_id(form.author.data),
        solved_only=bool(form.solved.data),
        since=start_of(form.since.data),
        until=start_of(
            form.until.data + timedelta(days=1) if form.until.data else None
        ),
        sort=form.sort.data or "relevance",
        conditions=about_conditions(form),
    )
    return form, filters, community


def start_of(day: date | None) -> datetime | None:
    return datetime.combine(day, time(), UTC) if day else None


def author_id(username: str | None) -> int | None:
    """The person's id; -1 (nobody) for a name no one has."""
    if not username:
        return None
    found = db.session.scalar(select(User.id).where(User.username == username))
    return found or -1


def about_conditions(form: SearchFilterForm) -> tuple:
    """?dpg=<slug>, ?country=<iso2>, ?tag=<name>: unknown values match nothing."""
    found = []
    if form.dpg.data:
        dpg_id = db.session.scalar(select(Dpg.id).where(Dpg.slug == form.dpg.data))
        found.append(searching.documents_about(dpg_id or -1))
    if form.country.data:
        found.append(searching.documents_from(form.country.data.upper()))
    if form.tag.data:
        found.append(documents_tagged(form.tag.data.lower()))
    return tuple(found)


def readable_by(viewer):
    """Documents the viewer may read: site-wide ones and visible communities' ones."""
    visible_ids = select(Community.id).where(visible_communities(viewer))
    # A test on each row, never an index to drive from: almost every document
    # passes it, so reading the community index first meant reading them all
    # and sorting them, where walking the date index stops after a page.
    community = SearchDocument.community_id + 0
    return or_(community.is_(None), community.in_(visible_ids))


def apply_filters(query: Select, filters: Filters, viewer) -> Select:
    """The query narrowed to what the viewer may read and the filters ask for."""
    query = query.where(readable_by(viewer))
    if filters.kind:
        query = query.where(SearchDocument.kind == filters.kind)
    if filters.community_id:
        query = query.where(SearchDocument.community_id == filters.community_id)
    if filters.author_id:
        query = query.where(SearchDocument.author_id == filters.author_id)
    if filters.since:
        query = query.where(SearchDocument.happened_at >= filters.since)
    if filters.until:
        query = query.where(SearchDocument.happened_at < filters.until)
    if filters.solved_only:
        # Solved questions: the thread and the replies in it.
        query = query.where(
            SearchDocument.kind.in_(("thread", "post")), SearchDocument.solved.is_(True)
        )
    return query.where(*filters.conditions)


def without(args, name: str) -> dict:
    """The query string (today's names) with one filter taken out, page 1."""
    found = canonical_args(args)
    found.poplist(name)
    found.poplist("page")
    if name == "type":
        found.poplist("solved")
    return found.to_dict(flat=False)
