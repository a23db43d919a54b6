"""/learnings/<slug>/venues: where a lesson is discussed and was presented."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.extensions import db
from community.forms import require
from community.learnings import venues
from community.learnings.permissions import can_link_lesson, get_lesson_or_404
from community.learnings.venue_forms import VenuesForm
from community.learnings.views import bp


def venues_page(lesson, form, status: int = 200):
    form.offer(
        lesson, venues.thread_choices(current_user), venues.event_choices(current_user)
    )
    return render_template("learnings/venues.html", lesson=lesson, form=form), status


@bp.route("/<slug>/venues", methods=["GET", "POST"])
@login_required
def edit_venues(slug: str):
    lesson = get_lesson_or_404(slug, current_user)
    require(
        can_link_lesson(current_user, lesson),
        _("Only the lesson's author and editors say where it is discussed."),
    )
    form = VenuesForm(obj=lesson)
    if not form.validate_on_submit():
        return venues_page(lesson, form, 400 if request.method == "POST" else 200)
    try:
        venues.set_venues(
            current_user,
            lesson,
            form.discussion_thread_id.data,
            form.presented_event_id.data,
        )
    except venues.VenueRefused as refused:
        db.session.rollback()
        getattr(form, refused.field).errors.append(refused.message)
        return venues_page(lesson, form, 400)
    db.session.commit()
    flash(_("Saved where the lesson is discussed and presented."), "success")
    page = "learnings.show_lesson" if lesson.is_public else "learnings.show_draft"
    return redirect(url_for(page, slug=lesson.slug))
