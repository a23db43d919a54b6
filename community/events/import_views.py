"""Organisers import an .ics file: upload, preview, confirm.

The preview carries the file back in the confirm form (zlib-compressed, then
base64), so nothing is kept between the two requests and any process can
handle the confirmation; the file is parsed and checked again before anything
is saved. A file over the limit is answered on the form, not by a bare 413.
"""

import base64
import binascii
import zlib

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from werkzeug.exceptions import RequestEntityTooLarge

from community.communities.permissions import can_organise, get_community_or_404
from community.events import importing
from community.events.forms import ConfirmImportForm, ImportForm
from community.events.import_reading import too_large_message
from community.events.views import bp
from community.extensions import db

PREVIEW_ROWS = 100  # the preview lists this many events; the counts cover all
REQUEST_SLACK = 64 * 1024  # multipart headers and the CSRF field


def organised_community_or_404(slug: str):
    community = get_community_or_404(slug)
    if not can_organise(current_user, community):
        abort(403)
    return community


def upload_page(community, form, status: int = 200):
    page = render_template("events/import.html", community=community, form=form)
    return page, status


IMPORT_ENDPOINTS = {
    "events.import_events": importing.MAX_BYTES + REQUEST_SLACK,
    # The file comes back compressed, base64 adds a third: twice is plenty.
    "events.confirm_import": 2 * importing.MAX_BYTES + REQUEST_SLACK,
}


@bp.url_value_preprocessor
def allow_import_sizes(endpoint: str | None, values: dict | None) -> None:
    """Import requests may be larger than the site's MAX_CONTENT_LENGTH.

    URL value preprocessors run before every before_request function, and so
    before anything reads the body (the NUL guard reads every form)."""
    if endpoint in IMPORT_ENDPOINTS:
        request.max_content_length = IMPORT_ENDPOINTS[endpoint]


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error):
    """A file over the import limit is answered on the form with the limit."""
    if request.endpoint not in IMPORT_ENDPOINTS:
        return error
    slug = (request.view_args or {}).get("slug", "")
    community = get_community_or_404(slug)
    if not can_organise(current_user, community):
        return error
    form = ImportForm(formdata=None)
    form.file.errors = [too_large_message()]
    return upload_page(community, form, 413)


@bp.route("/c/<slug>/events/import", methods=["GET", "POST"])
@login_required
def import_events(slug: str):
    community = organised_community_or_404(slug)
    form = ImportForm()
    if not form.validate_on_submit():
        return upload_page(community, form, 400 if form.is_submitted() else 200)
    raw = form.file.data.read(importing.MAX_BYTES + 1)
    try:
        plan = importing.read_calendar(raw, community, current_user.timezone)
    except importing.ImportRefused as error:
        form.file.errors.append(str(error))
        return upload_page(community, form, 400)
    payload = base64.b64encode(zlib.compress(raw, 6)).decode("ascii")
    return render_template(
        "events/import_preview.html",
        community=community,
        plan=plan,
        shown=plan.items[:PREVIEW_ROWS],
        form=ConfirmImportForm(payload=payload),
        describe=importing.preview_line,
    )


def unpacked(payload: str) -> bytes:
    try:
        packed = base64.b64decode(payload, validate=True)
        return zlib.decompressobj().decompress(packed, importing.MAX_BYTES + 1)
    except (binascii.Error, zlib.error) as error:
        raise importing.ImportRefused(
            _("The file did not come back intact; please upload it again.")
        ) from error


@bp.post("/c/<slug>/events/import/confirm")
@login_required
def confirm_import(slug: str):
    community = organised_community_or_404(slug)
    form = ConfirmImportForm()
    if not form.validate_on_submit():
        abort(
            400,
            _(
                "This form had expired. Nothing was imported; "
                "please upload the file again."
            ),
        )
    try:
        plan = importing.read_calendar(
            unpacked(form.payload.data), community, current_user.timezone
        )
        created, updated = importing.apply_import(current_user, community, plan.items)
    except importing.ImportRefused as error:
        db.session.rollback()
        upload = ImportForm(formdata=None)
        upload.file.errors = [_("Nothing was imported. %(reason)s", reason=error)]
        return upload_page(community, upload, 400)
    db.session.commit()
    flash(
        ngettext(
            "Imported %(num)d new event and updated %(updated)d.",
            "Imported %(num)d new events and updated %(updated)d.",
            created,
            updated=updated,
        ),
        "success",
    )
    return redirect(url_for("events.list_events", community=community.slug))
