"""The site pages at their stable addresses, and the admins' editing form."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from community.admin import site_pages
from community.admin.forms import SitePageForm
from community.admin.permissions import can_edit_site_pages
from community.admin.views import bp
from community.extensions import db
from community.forms import client_ip, require

pages_bp = Blueprint("pages", __name__)


def show_page(slug: str):
    return render_template("admin/site_page.html", page=site_pages.page_for(slug))


# One endpoint, one rule per page: url_for("pages.show_page", slug="about") is /about.
for kind in site_pages.PAGES.values():
    pages_bp.add_url_rule(
        kind.path, "show_page", show_page, defaults={"slug": kind.slug}
    )


def kind_or_404(slug: str) -> site_pages.PageKind:
    if slug not in site_pages.PAGES:
        abort(404)
    return site_pages.PAGES[slug]


@bp.get("/pages")
def list_site_pages():
    require(can_edit_site_pages(current_user))
    shown = [site_pages.page_for(slug) for slug in site_pages.PAGES]
    return render_template("admin/site_pages.html", pages=shown, kinds=site_pages.PAGES)


@bp.route("/pages/<slug>", methods=["GET", "POST"])
def edit_site_page(slug: str):
    kind = kind_or_404(slug)
    require(can_edit_site_pages(current_user))
    page = site_pages.page_for(slug)
    form = SitePageForm(title=page.title, body=page.source)
    if not form.validate_on_submit():
        status = 400 if form.is_submitted() else 200
        html = render_template("admin/edit_site_page.html", form=form, kind=kind)
        return html, status
    site_pages.save_page(
        slug, current_user, form.title.data, form.body.data, client_ip()
    )
    db.session.commit()
    flash(_("The page is saved."), "success")
    return redirect(url_for("pages.show_page", slug=kind.slug))
