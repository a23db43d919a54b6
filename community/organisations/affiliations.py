"""Claiming, confirming and ending affiliations, and the badge they earn."""

from flask_babel import gettext as _
from sqlalchemy import and_, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager, joinedload

from community import audit
from community.auth.models import User
from community.extensions import db
from community.notifications.sending import notify
from community.organisations.models import Affiliation, Organisation
from community.organisations.permissions import forget_affiliations
from community.timezones import utcnow


def organisation_path(organisation: Organisation) -> str:
    return f"/organisations/{organisation.slug}"


def claim(
    user: User, organisation: Organisation, role: str, shown: bool
) -> Affiliation:
    """Record that the person says they work for the organisation (a claim only).
    A second claim for the same organisation returns the first."""
    existing = db.session.scalar(
        select(Affiliation).where(
            Affiliation.user_id == user.id,
            Affiliation.organisation_id == organisation.id,
        )
    )
    if existing is not None:
        return existing
    row = Affiliation(
        user_id=user.id, organisation_id=organisation.id, role=role, shown_on_page=shown
    )
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:  # the same claim racing in from another request
        return db.session.scalar(
            select(Affiliation).where(
                Affiliation.user_id == user.id,
                Affiliation.organisation_id == organisation.id,
            )
        )
    audit.record(user, "affiliation.claim", organisation, detail=role)
    forget_affiliations()
    return row


def confirm(actor: User, row: Affiliation) -> None:
    """Confirm a claim: the person gets the verified badge for this organisation."""
    row.status = "confirmed"
    row.confirmed_at = utcnow()
    row.confirmed_by_id = actor.id
    refresh_badge(row.user)
    audit.record(
        actor, "affiliation.confirm", row.organisation, detail=row.user.username
    )
    notify(
        row.user,
        "affiliation",
        _(
            "%(organisation)s confirmed that you work there.",
            organisation=row.organisation.name,
        ),
        organisation_path(row.organisation),
    )
    forget_affiliations()


def end(actor: User, row: Affiliation) -> None:
    """Turn down a claim or end an affiliation (the person's own, or by a manager)."""
    person, organisation = row.user, row.organisation
    db.session.delete(row)
    db.session.flush()
    refresh_badge(person)
    audit.record(actor, "affiliation.end", organisation, detail=person.username)
    if actor.id != person.id:
        notify(
            person,
            "affiliation",
            _(
                "Your affiliation with %(organisation)s was turned down or has ended.",
                organisation=organisation.name,
            ),
            organisation_path(organisation),
        )
    forget_affiliations()


def refresh_badge(user: User) -> None:
    """Point the badge at the person's earliest confirmed affiliation (or none)."""
    first = db.session.scalar(
        select(Affiliation.organisation_id)
        .where(Affiliation.user_id == user.id, Affiliation.status == "confirmed")
        .order_by(Affiliation.confirmed_at, Affiliation.id)
        .limit(1)
    )
    user.verified_organisation_id = first
    db.session.flush()
    db.session.expire(user, ["verified_organisation"])


def claims_and_managers(organisation: Organisation) -> list[Affiliation]:
    """Pending claims (oldest first) and confirmed managers, in one query."""
    return list(
        db.session.scalars(
            select(Affiliation)
            .where(
                Affiliation.organisation_id == organisation.id,
                or_(
                    Affiliation.status == "pending",
                    and_(
                        Affiliation.status == "confirmed",
                        Affiliation.role == "manager",
                    ),
                ),
            )
            .order_by(Affiliation.created_at)
            .options(
                joinedload(Affiliation.user).joinedload(User.verified_organisation)
            )
        )
    )


def shown_people(organisation: Organisation) -> list[Affiliation]:
    """Confirmed people who chose to be shown on the organisation's page."""
    return list(
        db.session.scalars(
            select(Affiliation)
            .join(User, User.id == Affiliation.user_id)
            .where(
                Affiliation.organisation_id == organisation.id,
                Affiliation.status == "confirmed",
                Affiliation.shown_on_page.is_(True),
                User.suspended_at.is_(None),
            )
            .order_by(User.display_name)
            # The person and their badge ride in this query (not two more).
            .options(
                contains_eager(Affiliation.user).joinedload(User.verified_organisation)
            )
            .limit(200)
        )
    )
