"""/roadmap: the objectives and their activities, activity pages, their Atom
feed of updates, staff editing and lead organisations' updates."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from community.communities.models import Community
from community.dpgs.models import Dpg
from community.events.models import Event
from community.extensions import db
from community.feeds import AtomEntry, atom_feed, atom_response
from community.forms import require
from community.learnings.models import Lesson, LessonVersion
from community.organisations import roadmap
from community.organisations.forms import ActivityForm, UpdateForm
from community.organisations.models import Organisation
from community.organisations.permissions import (
    can_edit_roadmap,
    can_post_activity_update,
    get_activity_or_404,
)
from community.organisations.related import activity_links
from community.organisations.views import bp

CHOICE_LIMIT = 500


@bp.get("/roadmap")
def show_roadmap():
    objectives = roadmap.roadmap_by_objective(
        include_drafts=can_edit_roadmap(current_user)
    )
    return render_template(
        "organisations/roadmap.html",
        objectives=objectives,
        members=roadmap.roadmap_members(),
    )


@bp.get("/roadmap/<slug>")
def show_activity(slug: str):
    activity = get_activity_or_404(slug, current_user)
    return render_template(
        "organisations/activity.html",
        activity=activity,
        links=activity_links(current_user, activity),
        updates=roadmap.updates_of(activity),
        update_form=UpdateForm(),
    )


@bp.get("/roadmap/<slug>/feed.atom")
def activity_feed(slug: str):
    activity = get_activity_or_404(slug, current_user)
    if not activity.is_published:
        abort(404)  # feed readers never log in: drafts have no feed
    updates = roadmap.updates_of(activity, limit=20)
    updated = max([u.created_at for u in updates] + [activity.updated_at])
    version = "|".join(
        [f"activity-{activity.id}", activity.title, str(updated)]
        + [str(u.id) for u in updates]
    )
    return atom_response(
        version, lambda: _activity_atom(activity, updates), True, updated
    )


def _activity_atom(activity, updates) -> bytes:
    site_name = current_app.config["SITE_NAME"]
    page_url = url_for(".show_activity", slug=activity.slug, _external=True)
    return atom_feed(
        feed_id=page_url,
        title=f"{activity.title} · {site_name}",
        self_url=url_for(".activity_feed", slug=activity.slug, _external=True),
        page_url=page_url,
        author=site_name,
        entries=[
            AtomEntry(
                id=f"{page_url}#u{update.id}",
                title=update.title,
                url=f"{page_url}#u{update.id}",
                updated=update.created_at,
                published=update.created_at,
                author=update.author_name,
                content_html=update.body_html,
            )
            for update in updates
        ],
    )


@bp.post("/roadmap/<slug>/updates")
@login_required
def post_update(slug: str):
    activity = get_activity_or_404(slug, current_user)
    require(can_post_activity_update(current_user, activity))
    form = UpdateForm()
    if form.validate_on_submit():
        update = roadmap.post_update(
            current_user, activity, form.title.data, form.body.data
        )
        db.session.commit()
        return redirect(
            url_for(".show_activity", slug=activity.slug, _anchor=f"u{update.id}")
        )
    page = render_template(
        "organisations/activity.html",
        activity=activity,
        links=activity_links(current_user, activity),
        updates=roadmap.updates_of(activity),
        update_form=form,
    )
    return page, 400


@bp.route("/roadmap/new", methods=["GET", "POST"])
@login_required
def new_activity():
    require(can_edit_roadmap(current_user))
    return _activity_form(None)


@bp.route("/roadmap/<slug>/edit", methods=["GET", "POST"])
@login_required
def edit_activity(slug: str):
    require(can_edit_roadmap(current_user))
    return _activity_form(get_activity_or_404(slug, current_user))


def _activity_form(activity):
    form = ActivityForm(obj=activity)
    fill_choices(form)
    if request.method == "GET" and activity is not None:
        form.description.data = activity.description_source
        form.leads.data = [str(o.id) for o in activity.leads]
        form.partners.data = [str(o.id) for o in activity.partners]
        for kind, ids in roadmap.link_ids(activity).items():
            getattr(form, LINK_FIELDS[kind]).data = ids
    elif form.validate_on_submit():
        saved = roadmap.save_activity(current_user, activity, _values(form))
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for(".show_activity", slug=saved.slug))
    status = 400 if request.method == "POST" else 200
    return render_template(
        "organisations/activity_form.html", form=form, activity=activity
    ), status


LINK_FIELDS = {
    "dpg": "dpgs",
    "community": "communities",
    "event": "events",
    "lesson": "lessons",
}


def _values(form: ActivityForm) -> dict:
    return {
        "title": form.title.data,
        "objective": form.objective.data,
        "status": form.status.data,
        "is_published": form.is_published.data,
        "description": form.description.data,
        # An empty POST leaves list fields unset (None), not empty.
        "leads": form.leads.data or [],
        "partners": form.partners.data or [],
        "links": {
            kind: getattr(form, name).data or [] for kind, name in LINK_FIELDS.items()
        },
    }


def fill_choices(form: ActivityForm) -> None:
    def rows(query):
        return [
            (str(i), label)
            for i, label in db.session.execute(query.limit(CHOICE_LIMIT))
        ]

    organisations = rows(
        select(Organisation.id, Organisation.name).order_by(Organisation.name)
    )
    form.leads.choices = form.partners.choices = organisations
    form.dpgs.choices = rows(select(Dpg.id, Dpg.name).order_by(Dpg.name))
    form.communities.choices = rows(
        select(Community.id, Community.name).order_by(Community.name)
    )
    form.events.choices = rows(
        select(Event.id, Event.title).order_by(Event.start_at.desc())
    )
    form.lessons.choices = rows(
        select(Lesson.id, LessonVersion.title)
        .join(LessonVersion, LessonVersion.id == Lesson.published_version_id)
        .order_by(LessonVersion.title)
    )
