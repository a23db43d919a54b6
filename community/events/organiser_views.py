"""Organiser pages: schedule, edit, cancel, change one occurrence, attendee lists."""

from datetime import datetime

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.communities.permissions import can_organise, get_community_or_404
from community.dpgs import linking
from community.events import (
    attendee_lists,
    event_dates,
    occurrences,
    permissions,
    recurrence,
    rsvps,
    scheduling,
    sharing,
)
from community.events.forms import EventForm, OccurrenceForm
from community.events.views import bp
from community.extensions import db
from community.forms import ButtonForm
from community.timezones import utcnow

bp.add_app_template_global(event_dates.occurrence_key)
bp.add_app_template_global(recurrence.short_describe, "repeat_words")
bp.add_app_template_global(sharing.feed_addresses)  # macros/subscribe.html


def parse_key(key: str) -> datetime:
    original = event_dates.parse_key(key)
    if original is None:
        abort(404)
    return original


def organised_event_or_404(event_id: int):
    event = permissions.get_event_or_404(event_id, current_user)
    if not permissions.can_organise_event(current_user, event):
        abort(403)
    return event


def save_event(form: EventForm, community, event=None):
    """Create or update from a valid form; errors land on the form's fields."""
    try:
        if event is None:
            event, notices = scheduling.create_event(
                current_user, community, form.to_data()
            )
        else:
            notices = scheduling.update_event(current_user, event, form.to_data())
    except scheduling.SchedulingError as error:
        db.session.rollback()
        getattr(form, error.field, form.title).errors.append(error.message)
        return None
    names = linking.split_names(form.dpgs.data)
    unknown = linking.set_dpgs(event, "event", names, current_user)
    db.session.commit()
    for notice in notices:
        flash(notice, "warning")
    if unknown:
        flash(linking.unknown_message(unknown), "info")
    return event


@bp.route("/c/<slug>/events/new", methods=["GET", "POST"])
@login_required
def new_event(slug: str):
    community = get_community_or_404(slug)
    if not can_organise(current_user, community):
        abort(403)
    return event_form_page(community, None)


@bp.route("/events/new", methods=["GET", "POST"])
@login_required
def new_site_event():
    if not permissions.can_create_site_event(current_user):
        abort(403)
    return event_form_page(None, None)


@bp.route("/events/<int:event_id>/edit", methods=["GET", "POST"])
@login_required
def edit_event(event_id: int):
    event = organised_event_or_404(event_id)
    return event_form_page(event.community, event)


def event_form_page(community, event):
    if request.method == "POST":
        form = EventForm()
    elif event is not None:
        form = EventForm(obj=event)
        fill_from_event(form, event)
    else:
        form = EventForm(timezone=current_user.timezone)
        form.dpgs.data = linking.prefill(request.args.get("dpg", ""))
    form.keep_current_zone()
    if form.validate_on_submit():
        saved = save_event(form, community, event)
        if saved is not None:
            flash(
                _("The event is saved.") if event else _("The event is scheduled."),
                "success",
            )
            return redirect(url_for("events.show_event", event_id=saved.id))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "events/form.html",
        form=form,
        community=community,
        event=event,
        dpg_names=linking.catalogue_names(),
    ), status


def fill_from_event(form: EventForm, event) -> None:
    form.description.data = event.description_source
    form.dpgs.data = ", ".join(dpg.name for dpg in event.dpgs)
    form.repeat_weekdays.data = [
        code for code in event.repeat_weekdays.split(",") if code
    ]
    if event.rsvp_deadline_at is not None:
        local = event.rsvp_deadline_at.astimezone(recurrence.zone(event.timezone))
        form.rsvp_deadline_local.data = local.replace(tzinfo=None)


@bp.route("/events/<int:event_id>/cancel", methods=["GET", "POST"])
@login_required
def cancel_event(event_id: int):
    event = organised_event_or_404(event_id)
    form = ButtonForm()
    if form.validate_on_submit():
        scheduling.cancel_event(current_user, event)
        db.session.commit()
        flash(
            _("The event is cancelled. It stays listed, marked cancelled."), "success"
        )
        return redirect(url_for("events.show_event", event_id=event.id))
    status = 400 if form.is_submitted() else 200
    return render_template("events/cancel.html", event=event, form=form), status


@bp.route("/events/<int:event_id>/occurrences/<key>", methods=["GET", "POST"])
@login_required
def change_occurrence(event_id: int, key: str):
    event = organised_event_or_404(event_id)
    original = parse_key(key)
    occurrence = find_or_404(event, original)
    form = OccurrenceForm()
    if not form.is_submitted():
        form.start_local.data, form.end_local.data = (
            occurrence.start_local,
            occurrence.end_local,
        )
    if form.validate_on_submit() and move(event, original, form):
        return redirect(url_for("events.show_event", event_id=event.id))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "events/occurrence.html",
        event=event,
        occurrence=occurrence,
        form=form,
        cancel_form=ButtonForm(),
        key=key,
    ), status


def find_or_404(event, original: datetime):
    try:
        return occurrences.find_occurrence(event, original)
    except scheduling.SchedulingError:
        abort(404)


def move(event, original: datetime, form: OccurrenceForm) -> bool:
    try:
        notices = occurrences.move_occurrence(
            current_user,
            event,
            original,
            form.start_local.data,
            form.end_local.data,
            form.location.data,
        )
    except scheduling.SchedulingError as error:
        db.session.rollback()
        getattr(form, error.field, form.start_local).errors.append(error.message)
        return False
    db.session.commit()
    for notice in notices:
        flash(notice, "warning")
    flash(
        _("That occurrence has moved; the rest of the series is unchanged."), "success"
    )
    return True


@bp.post("/events/<int:event_id>/occurrences/<key>/cancel")
@login_required
def cancel_occurrence(event_id: int, key: str):
    event = organised_event_or_404(event_id)
    original = parse_key(key)
    find_or_404(event, original)
    if not ButtonForm().validate_on_submit():
        abort(400, _("This form had expired. Nothing was changed; please try again."))
    occurrences.cancel_occurrence(current_user, event, original)
    db.session.commit()
    flash(
        _("That occurrence is cancelled; the rest of the series is unchanged."),
        "success",
    )
    return redirect(url_for("events.show_event", event_id=event.id))


@bp.get("/events/<int:event_id>/attendees")
@login_required
def list_attendees(event_id: int):
    event = organised_event_or_404(event_id)
    row = event_dates.chosen_or_404(event, request.args.get("date"))
    going, waiting = rsvps.attendees(row)
    return render_template(
        "events/attendees.html",
        event=event,
        row=row,
        going=going,
        waiting=waiting,
        dates=event_dates.upcoming(event, utcnow()),
    )


@bp.get("/events/<int:event_id>/attendees.csv")
@login_required
def attendees_csv(event_id: int):
    event = organised_event_or_404(event_id)
    row = event_dates.chosen_or_404(event, request.args.get("date"))
    key = event_dates.occurrence_key(row.original_start_at)
    filename = f"event-{event.id}-{key}-attendees.csv"
    return Response(
        attendee_lists.attendees_csv(row),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
