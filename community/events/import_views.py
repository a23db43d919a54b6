"""Organisers import an .ics file: upload, preview, confirm (all or nothing).

The preview carries the file back in the confirm form (base64), so nothing is
kept between the two requests and any process can handle the confirmation;
the file is parsed and checked again before anything is saved.
"""

import base64
import binascii

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from community.communities.permissions import can_organise, get_community_or_404
from community.events import importing
from community.events.forms import ConfirmImportForm, ImportForm
from community.events.views import bp
from community.extensions import db


def organised_community_or_404(slug: str):
    community = get_community_or_404(slug)
    if not can_organise(current_user, community):
        abort(403)
    return community


@bp.route("/c/<slug>/events/import", methods=["GET", "POST"])
@login_required
def import_events(slug: str):
    community = organised_community_or_404(slug)
    form = ImportForm()
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        return render_template(
            "events/import.html", community=community, form=form
        ), status
    raw = form.file.data.read(importing.MAX_BYTES + 1)
    try:
        items = importing.read_calendar(raw, community, current_user.timezone)
    except importing.ImportRefused as error:
        form.file.errors.append(str(error))
        return render_template(
            "events/import.html", community=community, form=form
        ), 400
    confirm = ConfirmImportForm(payload=base64.b64encode(raw).decode("ascii"))
    return render_template(
        "events/import_preview.html",
        community=community,
        items=items,
        form=confirm,
        describe=importing.preview_line,
    )


@bp.post("/c/<slug>/events/import/confirm")
@login_required
def confirm_import(slug: str):
    community = organised_community_or_404(slug)
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        abort(
            400,
            _(
                "This form had expired. Nothing was imported; please upload "
                "the file again."
            ),
        )
    try:
        raw = base64.b64decode(form.payload.data, validate=True)
        items = importing.read_calendar(raw, community, current_user.timezone)
        created, updated = importing.apply_import(current_user, community, items)
    except (binascii.Error, importing.ImportRefused) as error:
        db.session.rollback()
        upload = ImportForm()
        upload.file.errors = [_("Nothing was imported. %(error)s", error=error)]
        return render_template(
            "events/import.html", community=community, form=upload
        ), 400
    db.session.commit()
    flash(
        _(
            "Imported %(created)s new events and updated %(updated)s.",
            created=created,
            updated=updated,
        ),
        "success",
    )
    return redirect(url_for("events.list_events", community=community.slug))
