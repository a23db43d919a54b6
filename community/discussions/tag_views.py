"""Tag pages (/c/<slug>/tags/<name>): threads with the tag, watching, synonyms."""

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from community.discussions import tags
from community.discussions.moderation_forms import SynonymForm
from community.discussions.permissions import (
    can_manage_tags,
    can_watch_tag,
    get_readable_community_or_404,
)
from community.discussions.views import bp
from community.extensions import db
from community.forms import ButtonForm, client_ip, require, shown_form, stale_form
from community.notifications import subscriptions
from community.notifications.forms import WatchForm
from community.notifications.subscriptions import TAG
from community.pagination import paginate

TAG_THREADS_PER_PAGE = 25


def readable_tag_or_404(slug: str, name: str):
    """(community, tag) when the viewer reads the community and the tag is its
    own name (a synonym answers 301 with the main tag's page)."""
    community = get_readable_community_or_404(slug, current_user)
    tag, is_synonym = tags.find_tag(community, name)
    if tag is None:
        abort(404)
    if is_synonym and request.method in ("GET", "HEAD"):
        values = {**request.args.to_dict(), "slug": slug, "name": tag.name}
        abort(redirect(url_for(request.endpoint, **values), 301))
    elif is_synonym:
        abort(404)
    return community, tag


@bp.get("/c/<slug>/tags/<name>")
def show_tag(slug: str, name: str):
    community, tag = readable_tag_or_404(slug, name)
    page = paginate(tags.tagged_threads(tag), TAG_THREADS_PER_PAGE, one_query=True)
    if page.total == 0 and not can_manage_tags(current_user, community):
        abort(404)  # only on hidden threads: not even its name shows
    if page.number > page.pages:
        abort(404)
    return render_template(
        "discussions/tag.html",
        community=community,
        tag=tag,
        page=page,
        synonyms=tags.synonyms_of(tag),
        watch=subscriptions.find(current_user, TAG, tag.id),
        watch_form=shown_form(WatchForm),
    )


@bp.post("/c/<slug>/tags/<name>/watch")
@login_required
def watch_tag(slug: str, name: str):
    community, tag = readable_tag_or_404(slug, name)
    require(can_watch_tag(current_user, community))
    choice = WatchForm().chosen()
    if choice is None:
        stale_form()
    subscriptions.choose(current_user, TAG, tag.id, choice)
    db.session.commit()
    return redirect(url_for(".show_tag", slug=community.slug, name=tag.name))


@bp.route("/c/<slug>/tags/<name>/synonyms", methods=["GET", "POST"])
@login_required
def tag_synonyms(slug: str, name: str):
    community, tag = readable_tag_or_404(slug, name)
    require(can_manage_tags(current_user, community))
    form = SynonymForm()
    if form.validate_on_submit():
        try:
            tags.add_synonym(community, tag, form.name.data, current_user, client_ip())
        except tags.TagRefused as refused:
            db.session.rollback()
            form.name.errors.append(str(refused))
        else:
            db.session.commit()
            return redirect(request.path)
    page = render_template(
        "discussions/tag_synonyms.html",
        community=community,
        tag=tag,
        form=form,
        synonyms=tags.synonyms_of(tag),
        remove_form=ButtonForm(),
    )
    return page, 400 if form.is_submitted() else 200


@bp.post("/c/<slug>/tags/<name>/synonyms/<int:synonym_id>/delete")
@login_required
def remove_tag_synonym(slug: str, name: str, synonym_id: int):
    community, tag = readable_tag_or_404(slug, name)
    require(can_manage_tags(current_user, community))
    if not ButtonForm().validate_on_submit():
        stale_form()
    if not tags.remove_synonym(tag, synonym_id, current_user, client_ip()):
        abort(404)
    db.session.commit()
    return redirect(url_for(".tag_synonyms", slug=community.slug, name=tag.name))
