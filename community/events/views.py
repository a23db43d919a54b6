"""Event pages everyone sees: the agenda, the month grid, past events, one event, RSVPs.

Organiser pages live in organiser_views.py, calendar files in feed_views.py;
both add their routes to this blueprint.
"""

from collections.abc import Callable
from datetime import date, datetime

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from markupsafe import Markup
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
from community.events.permissions import can_create_site_event
from community.extensions import db
from community.filter_names import canonical_args
from community.learnings import venues
from community.pagecache.expiry import expires_at
from community.pagecache.fragments import shared_fragment
from community.pagecache.pages import request_parts, visitor_cached
from community.pagecache.versions import current_events
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


def shared_listing(name: str, render: Callable, *parts) -> Markup:
    """A listing's body as everyone reading the same communities gets it; it
    differs only by the address, language, zone and the links one may follow."""
    flags = (current_user.is_authenticated, can_create_site_event(current_user))
    key = f"{request_parts()}|{flags}|{parts}"
    return shared_fragment(name, current_user, key, render, current_events)


def agenda_body() -> tuple[str, datetime | None]:
    """The agenda, and when it stops being true: as the first listed date ends."""
    chosen, condition = chosen_events()
    now = utcnow()
    page = listings.agenda_page(condition, now, requested_page())
    days = listings.by_day(page.items, viewer_zone_name())
    html = listing("events/_agenda.html", chosen, page=page, days=days)
    return html, listings.next_end(now)


@bp.get("/events/")
@visitor_cached(version=current_events)
def list_events():
    if request.args.get("view") == "month":
        today = utcnow().date()
        year, month = agenda.parse_month(request.args.get("month"), today)
        # Without ?month= this is today's month: true until the next one starts.
        expires_at(listings.month_bounds(today.year, today.month, "UTC")[1])
        return month_page(year, month)
    body = shared_listing("agenda", agenda_body)
    return render_template("events/list.html", body=body)


def month_body(year: int, month: int) -> tuple[str, None]:
    chosen, condition = chosen_events()
    weeks = listings.month_grid(condition, year, month, viewer_zone_name())
    previous = (year - 1, 12) if month == 1 else (year, month - 1)
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    html = listing(
        "events/_month.html",
        chosen,
        weeks=weeks,
        year=year,
        month=month,
        previous=previous,
        following=following,
    )
    return html, None  # a month's dates change only with writes


def month_page(year: int, month: int):
    body = shared_listing("month", lambda: month_body(year, month), year, month)
    first_day = date(year, month, 1)
    return render_template("events/month.html", body=body, first_day=first_day)


@bp.get("/events/month/<int:year>/<int:month>")
@visitor_cached(version=current_events)
def show_month(year: int, month: int):
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        abort(404)
    return month_page(year, month)


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
