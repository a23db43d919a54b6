"""Communities of practice: the list, one community, joining, leaving, watching.

Moderation pages live in member_views.py and site-admin pages in
admin_views.py; both add routes to this blueprint.
"""

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from community.communities import directory, membership
from community.communities.forms import JoinForm
from community.communities.membership import AlreadyMember, MembershipRefused
from community.communities.models import Community
from community.communities.permissions import (
    banned_message,
    can_leave,
    can_moderate,
    can_see_content,
    can_watch,
    get_community_or_404,
    is_banned,
)
from community.extensions import db, limiter
from community.forms import (
    ButtonForm,
    posting_limit,
    require,
    require_button,
    shown_form,
    stale_form,
)
from community.notifications import subscriptions
from community.notifications.forms import WatchForm
from community.notifications.subscriptions import COMMUNITY
from community.pagecache import versions
from community.pagecache.member_blocks import community_fragment
from community.pagecache.pages import visitor_cached
from community.pagecache.scopes import community_of_slug
from community.sections import list_stats, page_context, same_for_every_reader

bp = Blueprint("communities", __name__, url_prefix="/c")


def community_url(community: Community) -> str:
    return url_for("communities.show_community", slug=community.slug)


def community_page(community: Community, join_form=None, problem=None, status=200):
    """The community page, or the 403 "members only: ask to join" page."""
    join_form = join_form or shown_form(JoinForm)
    if not can_see_content(current_user, community):
        page = render_template(
            "communities/members_only.html",
            community=community,
            join_form=join_form,
            problem=problem,
        )
        return page, 403 if status == 200 else status
    page = render_template(
        "communities/show.html",
        community=community,
        leaders_block=community_fragment(
            "communities/_leaders.html",
            leaders_context,
            same_for_every_reader,
            current_user,
            community,
        ),
        watch=subscriptions.find(current_user, COMMUNITY, community.id),
        join_form=join_form,
        button_form=shown_form(ButtonForm),
        problem=problem,
        pending_count=(
            directory.pending_count(community)
            if can_moderate(current_user, community)
            else 0
        ),
        **page_context(current_user, community, render_shared=community_fragment),
    )
    return page, status


def leaders_context(viewer, community: Community) -> dict:
    return {"leaders": directory.leaders(community)}


@bp.get("/")
@visitor_cached
def list_communities():
    communities = db.session.scalars(select(Community).order_by(Community.name)).all()
    readable = [item for item in communities if can_see_content(current_user, item)]
    return render_template(
        "communities/list.html",
        communities=[item for item in communities if not item.is_archived],
        archived=[item for item in communities if item.is_archived],
        stats=list_stats(readable),
        button_form=shown_form(ButtonForm),
    )


@bp.get("/<slug>")
@visitor_cached(scope=community_of_slug)
def show_community(slug: str):
    return community_page(community_with_version_or_404(slug))


def community_with_version_or_404(slug: str) -> Community:
    """The community (or 404), its content version read in the same statement
    for the page's shared blocks (members' pages: one statement fewer)."""
    columns = versions.community_version_columns(Community.id)
    row = db.session.execute(
        select(Community, *columns).where(Community.slug == slug)
    ).first()
    if row is None:
        abort(404)
    community, *version = row
    versions.remember_for(community.id, versions.community_version(*version))
    return community


@bp.post("/<slug>/join")
@login_required
@limiter.limit(posting_limit)
def join(slug: str):
    community = get_community_or_404(slug)
    form = JoinForm()
    if not form.validate_on_submit():
        return community_page(community, join_form=form, status=400)
    refuse_joining(community)
    try:
        row = membership.join(current_user, community, form.message.data or "")
        db.session.commit()
        flash(joined_message(row.status, community), "success")
    except (AlreadyMember, IntegrityError) as already:
        db.session.rollback()  # IntegrityError: a second click won the race
        flash(already_message(already, community), "info")
    return redirect(community_url(community))


def refuse_joining(community: Community) -> None:
    """403 with the reason when the person sees the community but may not join."""
    if is_banned(current_user, community):
        abort(403, banned_message(community))
    if community.is_archived:
        abort(403, _("%(name)s is archived: it is read-only.", name=community.name))


def already_message(error: Exception, community: Community) -> str:
    if isinstance(error, AlreadyMember):
        return str(error)
    return _("You are already a member of %(name)s.", name=community.name)


def joined_message(status: str, community: Community) -> str:
    if status == "active":
        return _("Welcome to %(name)s! You are now a member.", name=community.name)
    return _(
        "Your request to join %(name)s was sent. We will tell you "
        "when the moderators have answered.",
        name=community.name,
    )


@bp.get("/<slug>/leave")
@login_required
def confirm_leave(slug: str):
    """Leaving asks first, on a page of its own (no script needed)."""
    community = get_community_or_404(slug)
    if not can_leave(current_user, community) or community.is_archived:
        return redirect(community_url(community))
    return render_template(
        "communities/leave.html",
        community=community,
        form=shown_form(ButtonForm),
    )


@bp.post("/<slug>/leave")
@login_required
def leave(slug: str):
    community = get_community_or_404(slug)
    require_button()
    try:
        outcome = membership.leave(current_user, community)
    except MembershipRefused as refusal:
        db.session.rollback()
        return community_page(community, problem=str(refusal), status=400)
    db.session.commit()
    if outcome == "left":
        flash(_("You left %(name)s.", name=community.name), "success")
    else:
        flash(
            _("You withdrew your request to join %(name)s.", name=community.name),
            "success",
        )
    return redirect(community_url(community))


@bp.post("/<slug>/watch")
@login_required
def watch_community(slug: str, choice: str | None = None):
    """The one watch control's route: watch, mute or stop (the button's choice)."""
    community = get_community_or_404(slug)
    choice = WatchForm().chosen(choice)
    if choice is None:
        stale_form()
    require(can_watch(current_user, community), WATCH_REFUSED)
    try:
        subscriptions.choose(current_user, COMMUNITY, community.id, choice)
        db.session.commit()
    except IntegrityError:  # a second click at the same moment: already watching
        db.session.rollback()
    flash(watch_message(choice, community), "success")
    return redirect(community_url(community))


# Older URLs of the same control keep answering (links and forms in the wild).
bp.add_url_rule(
    "/<slug>/watch/<choice>", "watch_community", watch_community, methods=["POST"]
)
bp.add_url_rule(
    "/<slug>/unwatch",
    "unwatch_community",
    watch_community,
    methods=["POST"],
    defaults={"choice": "stop"},
)

WATCH_REFUSED = _l("Only members can watch a members-only community.")


def watch_message(choice: str, community: Community) -> str:
    if choice == "watch":
        return _(
            "You are watching %(name)s: we will tell you of news.", name=community.name
        )
    if choice == "mute":
        return _("You muted %(name)s: only mentions reach you.", name=community.name)
    return _("You no longer watch %(name)s.", name=community.name)
