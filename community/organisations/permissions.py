"""Who may do what with organisations, applications and the roadmap: the one
place these rules live (views and templates call the same predicates).

Staff are site moderators, admins and editors. An organisation's managers are
people whose "manager" affiliation is confirmed. The first manager of a
government organisation is a strong claim, so only staff may confirm it.
"""

from flask import abort, g, has_request_context
from sqlalchemy import select

from community.communities.permissions import is_active_account, may_post_anywhere
from community.extensions import db
from community.organisations.application_models import JoinApplication
from community.organisations.models import Affiliation, Organisation
from community.organisations.roadmap_models import RoadmapActivity
from community.routing import LARGEST_ID


def is_staff(user) -> bool:
    """Site moderators, admins and editors, with an active account."""
    return is_active_account(user) and bool(user.is_staff)


def affiliations_of(user) -> dict[int, Affiliation]:
    """The person's affiliations by organisation id, loaded once per request."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cache = g.setdefault("_affiliations", {}) if has_request_context() else {}
    if user.id not in cache:
        rows = db.session.scalars(
            select(Affiliation).where(Affiliation.user_id == user.id)
        )
        cache[user.id] = {row.organisation_id: row for row in rows}
    return cache[user.id]


def forget_affiliations() -> None:
    """Drop the per-request cache after an affiliation changes."""
    if has_request_context():
        g.pop("_affiliations", None)


def affiliation(user, organisation: Organisation) -> Affiliation | None:
    return affiliations_of(user).get(organisation.id)


def is_manager(user, organisation: Organisation) -> bool:
    found = affiliation(user, organisation)
    return is_active_account(user) and found is not None and found.is_manager


def can_create_organisation(user) -> bool:
    return is_staff(user)


def can_edit_organisation(user, organisation: Organisation) -> bool:
    """Edit the page and its logo: staff and the organisation's managers."""
    return is_staff(user) or is_manager(user, organisation)


def can_set_kind(user, organisation: Organisation | None, kind: str) -> bool:
    """Marking an organisation as government (or unmarking it) is staff's call:
    its people's badges would claim to speak for a government."""
    before = organisation.kind if organisation is not None else None
    changes_government = "government" in (kind, before) and kind != before
    return is_staff(user) or not changes_government


def can_claim_affiliation(user, organisation: Organisation) -> bool:
    """Say you work there: confirmed members without a claim yet."""
    return may_post_anywhere(user) and affiliation(user, organisation) is None


def can_leave_affiliation(user, organisation: Organisation) -> bool:
    return is_active_account(user) and affiliation(user, organisation) is not None


def has_manager(organisation: Organisation) -> bool:
    query = select(Affiliation.id).where(
        Affiliation.organisation_id == organisation.id,
        Affiliation.role == "manager",
        Affiliation.status == "confirmed",
    )
    return db.session.scalar(query.limit(1)) is not None


def can_confirm_affiliation(
    user, claim: Affiliation, managed: bool | None = None
) -> bool:
    """Confirm (or turn down) a claim: staff, or the organisation's managers,
    never for themselves; the first manager of a government body: staff only.
    `managed`: whether the organisation has a manager yet, when already known."""
    if claim.is_confirmed or claim.user_id == getattr(user, "id", None):
        return False
    if is_staff(user):
        return True
    if not is_manager(user, claim.organisation):
        return False
    if claim.role == "manager" and claim.organisation.is_government:
        return has_manager(claim.organisation) if managed is None else managed
    return True


def can_review_applications(user) -> bool:
    return is_staff(user)


def can_see_application(user, application: JoinApplication) -> bool:
    """The applicant and staff; nobody else learns it exists."""
    own = (
        getattr(user, "is_authenticated", False) and application.applicant_id == user.id
    )
    return is_staff(user) or bool(own and is_active_account(user))


def is_applicant(user, application: JoinApplication) -> bool:
    return bool(
        is_active_account(user)
        and application.applicant_id is not None
        and application.applicant_id == user.id
    )


def can_answer_application(user, application: JoinApplication) -> bool:
    """Answer staff's question: the applicant (staff do not answer for them)."""
    return application.status == "needs_info" and is_applicant(user, application)


def can_edit_roadmap(user) -> bool:
    return is_staff(user)


def can_see_activity(user, activity: RoadmapActivity) -> bool:
    return activity.is_published or is_staff(user)


def can_post_activity_update(user, activity: RoadmapActivity) -> bool:
    """Staff, and the managers of the activity's lead organisations."""
    if is_staff(user):
        return True
    return activity.is_published and any(
        is_manager(user, organisation) for organisation in activity.leads
    )


def get_organisation_or_404(slug: str) -> Organisation:
    found = db.session.scalar(
        select(Organisation).where(Organisation.slug == slug[:80])
    )
    if found is None:
        abort(404)
    return found


def get_activity_or_404(slug: str, user) -> RoadmapActivity:
    found = db.session.scalar(
        select(RoadmapActivity).where(RoadmapActivity.slug == slug[:80])
    )
    if found is None or not can_see_activity(user, found):
        abort(404)
    return found


# Ids in URLs beyond a 64-bit integer overflow the database driver: not found.


def get_row_or_404(model, row_id: int):
    found = db.session.get(model, row_id) if 0 < row_id <= LARGEST_ID else None
    if found is None:
        abort(404)
    return found


def get_application_or_404(application_id: int, user) -> JoinApplication:
    found = get_row_or_404(JoinApplication, application_id)
    if found is None or not can_see_application(user, found):
        abort(404)
    return found


TEMPLATE_PREDICATES = (
    is_staff,
    is_manager,
    can_create_organisation,
    can_edit_organisation,
    can_claim_affiliation,
    can_leave_affiliation,
    can_confirm_affiliation,
    can_review_applications,
    can_answer_application,
    can_edit_roadmap,
    can_post_activity_update,
)
