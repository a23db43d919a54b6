"""Event pages everyone sees: the agenda, the month grid, past events, one event, RSVPs.

Organiser pages live in organiser_views.py, calendar files in feed_views.py;
both add their routes to this blueprint.
"""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import ColumnElement, select

from community.communities.models import Community
from community.communities.permissions import readable_community, visible_communities
from community.content_languages import chosen_filter_language
from community.events import (
    agenda,
    event_dates,
    listings,
    permissions,
    recurrence,
    rsvps,
    sharing,
)
from community.events.forms import RsvpForm
from community.events.models import EVENT_TYPES
from community.extensions import db
from community.filter_names import canonical_args
from community.learnings import venues
from community.organisations.related import person_affiliations
from community.pagination import paginate, requested_page
from community.timezones import utcnow, viewer_zone_name

bp = Blueprint("events", __name__)


def filters() -> dict:
    """?community=<slug>&type=<type>&language=<code>, only to communities the
    viewer can see."""
    args = canonical_args(request.args)  # ?kind= (search's older name) is type
    community = readable_community(args.get("community", ""), current_user)
    kind = args.get("type", "")
    return {
        "community": community,
        "community_id": community.id if community else None,
        "event_type": kind if kind in EVENT_TYPES else None,
        "language": chosen_filter_language(request.args),
    }


def filter_choices() -> list[Community]:
    query = (
        select(Community)
        .where(visible_communities(current_user))
        .order_by(Community.name)
    )
    return list(db.session.scalars(query))


def chosen_events() -> tuple[dict, ColumnElement[bool]]:
    """The filters asked for, and the condition on events the viewer may see."""
    chosen = filters()
    condition = listings.event_condition(
        permissions.visible_events(current_user),
        chosen["community_id"],
        chosen["event_type"],
        chosen["language"],
    )
    return chosen, condition


def listing(template: str, chosen: dict, **context):
    return render_template(
        template,
        chosen=chosen,
        communities=filter_choices(),
        types=EVENT_TYPES,
        viewer_zone=viewer_zone_name(),
        **context,
    )


@bp.get("/events/")
def list_events():
    if request.args.get("view") == "month":
        year, month = agenda.parse_month(request.args.get("month"), utcnow().date())
        return show_month(year, month)
    chosen, condition = chosen_events()
    page = listings.agenda_page(condition, utcnow(), requested_page())
    days = listings.by_day(page.items, viewer_zone_name())
    return listing("events/list.html", chosen, page=page, days=days)


@bp.get("/events/month/<int:year>/<int:month>")
def show_month(year: int, month: int):
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        abort(404)
    chosen, condition = chosen_events()
    weeks = listings.month_grid(condition, year, month, viewer_zone_name())
    previous = (year - 1, 12) if month == 1 else (year, month - 1)
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    return listing(
        "events/month.html",
        chosen,
        weeks=weeks,
        year=year,
        month=month,
        previous=previous,
        following=following,
    )


@bp.get("/events/past")
def list_past_events():
    chosen, condition = chosen_events()
    page = paginate(agenda.past_events(agenda.events_query(condition), utcnow()))
    return listing("events/past.html", chosen, page=page)


@bp.get("/events/<int:event_id>")
def show_event(event_id: int):
    event = permissions.get_event_or_404(event_id, current_user)
    return render_event(event, RsvpForm(), request.args.get("date"))


def render_event(event, form, key: str | None = None, status: int = 200):
    now = utcnow()
    dates = event_dates.upcoming(event, now)
    shown = event_dates.chosen(event, key, dates)
    rsvp = rsvps.rsvp_of(current_user, shown)
    page = render_template(
        "events/show.html",
        event=event,
        occurrence=shown,
        upcoming=dates[: event_dates.SHOWN],
        more_dates=len(dates) > event_dates.SHOWN,
        form=form,
        rsvp=rsvp,
        wait_position=rsvps.wait_position(rsvp),
        closed=rsvps.closed_reason(event, shown, now) if shown else "",
        series_closed=rsvps.closed_reason(event, None, now),
        viewer_zone=viewer_zone_name(),
        repeat_summary=recurrence.describe(event),
        presented_lessons=venues.lessons_presented_at(current_user, event),
        affiliations=person_affiliations(event.organiser_id),
        **sharing.links(event, shown),
    )
    return page, status


@bp.get("/events/<int:event_id>/dates")
def list_dates(event_id: int):
    event = permissions.get_event_or_404(event_id, current_user)
    page = paginate(event_dates.upcoming_query(event, utcnow()), per_page=50)
    return render_template("events/dates.html", event=event, page=page)


@bp.post("/events/<int:event_id>/rsvp")
@login_required
def respond(event_id: int):
    event = permissions.get_event_or_404(event_id, current_user)
    if not permissions.can_rsvp(current_user, event):
        abort(403)
    form = RsvpForm()
    key = form.date.data or None
    if not form.validate_on_submit():
        return render_event(event, form, key, 400)
    row = None if key == "all" else event_dates.chosen_or_404(event, key)
    try:
        answers = rsvps.respond(current_user, event, form.answer.data, row)
    except rsvps.RsvpClosed as error:
        db.session.rollback()
        form.answer.errors.append(str(error))
        return render_event(event, form, key, 400)
    db.session.commit()
    flash(rsvp_message(answers), "success")
    return redirect(url_for("events.show_event", event_id=event.id, date=key))


def rsvp_message(answers) -> str:
    statuses = {answer.status for answer in answers}
    if len(answers) > 1:
        return ngettext(
            "Saved for %(num)d date. Each date shows whether you have a seat.",
            "Saved for %(num)d dates. Each date shows whether you have a seat.",
            len(answers),
        )
    return {
        "going": _("You are going. It is in your personal calendar feed too."),
        "waitlisted": _(
            "This date is full: you are on its wait list and will be told "
            "if a seat frees up."
        ),
        "maybe": _("Saved: you might go."),
    }.get(next(iter(statuses), ""), _("You are not going."))


@bp.get("/events/calendar-help")
def calendar_help():
    return render_template("events/calendar_help.html")
