"""Join-the-effort applications: submitting, confirming a visitor's address,
and the review's transitions (each audited, each told to the applicant).

A visitor's answers travel only in the signed link mailed to them; opening it
makes the application. Each application carries the submission key its form
was rendered with, so a double submit (or a link opened twice) makes one.
"""

import secrets
from dataclasses import asdict, dataclass, field

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from community import audit
from community.auth.accounts import external_url, find_by_email
from community.auth.tokens import TokenError, fingerprint, load, serializer
from community.extensions import db
from community.mail import send_after_commit
from community.notifications.sending import notify
from community.organisations import approval
from community.organisations.application_models import (
    ApplicationMessage,
    JoinApplication,
)
from community.organisations.models import Organisation
from community.organisations.roadmap_models import OBJECTIVES
from community.text import render_markdown
from community.timezones import utcnow

CONFIRM_MAX_AGE = 2 * 24 * 3600
ACCESS_MAX_AGE = 180 * 24 * 3600
DECISIONS = ("needs_info", "approved", "declined")


class ApplicationRefused(ValueError):
    """A transition the application's state does not allow; str() says why."""


def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


def is_submission_key(value: str | None) -> bool:
    return (
        bool(value)
        and 20 <= len(value) <= 64
        and value.replace("-", "").replace("_", "").isalnum()
    )


@dataclass
class Answers:
    """What the form said, as plain values (also the visitor link's payload)."""

    submission_key: str
    contact_name: str
    organisation_name: str
    organisation_id: int | None = None
    contact_role: str = ""
    organisation_kind: str = "other"
    organisation_country: str = ""
    organisation_website: str = ""
    what_it_does: str = ""
    objectives: list[str] = field(default_factory=list)
    activity_ids: list[int] = field(default_factory=list)
    proposed_activities: str = ""
    dpgs: str = ""
    countries: list[str] = field(default_factory=list)
    message: str = ""


def mail_confirmation(answers: Answers, email: str) -> None:
    """Send the visitor the link that makes their application (nothing is stored)."""
    token = serializer("join").dumps({"answers": asdict(answers), "email": email})
    link = external_url("organisations.confirm_application", token=token)
    body = _(
        "Hello %(name)s,\n\nOpen this link to send the application of %(organisation)s "
        "to take part in the roadmap:\n\n%(link)s\n\n"
        "Until you open it nothing is sent. If you did not ask for this, "
        "ignore this mail.\n",
        name=answers.contact_name,
        organisation=answers.organisation_name,
        link=link,
    )
    send_after_commit(email, _("Confirm your application to join the effort"), body)


def confirm_visitor(token: str) -> JoinApplication:
    """The application a confirmation link names, made now (or already made)."""
    data = load(token, "join", CONFIRM_MAX_AGE)
    try:
        answers = Answers(**data["answers"])
        email = str(data["email"])
    except (KeyError, TypeError) as error:
        raise TokenError(_("This link is not valid.")) from error
    return submit(answers, email, find_by_email(email))


def submit(answers: Answers, email: str, applicant=None) -> JoinApplication:
    """Record the application once per submission key; tell the applicant."""
    existing = _by_key(answers.submission_key)
    if existing is not None:
        return existing
    application = _build(answers, email, applicant)
    try:
        with db.session.begin_nested():
            db.session.add(application)
    except IntegrityError:  # the same form arriving twice at once
        return _by_key(answers.submission_key)
    audit.record(
        applicant,
        "application.submit",
        application,
        detail=application.organisation_name,
    )
    tell_applicant(
        application,
        _(
            "We received the application of %(organisation)s. Staff will review it.",
            organisation=application.organisation_name,
        ),
    )
    return application


def _by_key(key: str) -> JoinApplication | None:
    return db.session.scalar(
        select(JoinApplication).where(JoinApplication.submission_key == key)
    )


def _build(answers: Answers, email: str, applicant) -> JoinApplication:
    organisation = db.session.get(Organisation, answers.organisation_id or 0)
    name = organisation.name if organisation else answers.organisation_name
    return JoinApplication(
        submission_key=answers.submission_key,
        applicant_id=getattr(applicant, "id", None),
        applicant_email=email.lower(),
        contact_name=answers.contact_name,
        contact_role=answers.contact_role,
        organisation_id=organisation.id if organisation else None,
        organisation_name=name,
        organisation_kind=answers.organisation_kind,
        organisation_country=answers.organisation_country,
        organisation_website=answers.organisation_website,
        what_it_does=answers.what_it_does,
        objectives=" ".join(key for key in answers.objectives if key in OBJECTIVES),
        activity_ids=" ".join(str(int(i)) for i in answers.activity_ids[:20]),
        proposed_activities=answers.proposed_activities,
        dpgs=answers.dpgs,
        countries=" ".join(answers.countries[:50]),
        message_source=answers.message,
        message_html=str(render_markdown(answers.message)) if answers.message else "",
    )


def access_url(application: JoinApplication) -> str:
    """Where the applicant reads and answers their application (a signed link for
    visitors, who have no account; their own page for members)."""
    if application.applicant_id is not None:
        return external_url(
            "organisations.show_application", application_id=application.id
        )
    token = serializer("join-access").dumps(
        {"a": application.id, "em": fingerprint(application.applicant_email)}
    )
    return external_url("organisations.visitor_application", token=token)


def read_access_token(token: str) -> JoinApplication:
    data = load(token, "join-access", ACCESS_MAX_AGE)
    application = db.session.get(JoinApplication, data.get("a", 0))
    if application is None or data.get("em") != fingerprint(
        application.applicant_email
    ):
        raise TokenError(_("This link is not valid."))
    return application


def tell_applicant(application: JoinApplication, message: str) -> None:
    """In-app (members) and by e-mail: every change of the application."""
    url = access_url(application)
    applicant = application.applicant
    if applicant is not None:
        notify(
            applicant,
            "application",
            message,
            url.removeprefix(current_app.config["SITE_URL"]),
        )
        if applicant.email_frequency == "immediately" and applicant.is_confirmed:
            return  # notify() mailed it
    body = _(
        "%(message)s\n\nRead your application: %(link)s\n", message=message, link=url
    )
    send_after_commit(application.applicant_email, message[:120], body)


def decide(actor, application: JoinApplication, decision: str, message: str) -> None:
    """Staff move an open application to needs_info, approved or declined."""
    if decision not in DECISIONS:
        raise ApplicationRefused(_("Choose a decision."))
    if not application.is_open:
        raise ApplicationRefused(_("This application was already decided."))
    if decision in ("needs_info", "declined") and not message.strip():
        raise ApplicationRefused(_("Tell the applicant what is missing, or why."))
    if message.strip():
        _add_message(application, actor, True, message)
    application.status = decision
    application.updated_at = utcnow()
    if decision == "declined":
        application.decision_reason = message
    if decision == "approved":
        approval.approve(actor, application)
    audit.record(actor, f"application.{decision}", application, detail=message[:500])
    tell_applicant(application, _status_message(application))


def _status_message(application: JoinApplication) -> str:
    name = application.organisation_name
    if application.status == "needs_info":
        return _(
            "Staff need more information about the application of %(organisation)s.",
            organisation=name,
        )
    if application.status == "approved":
        return _(
            "The application of %(organisation)s was approved. Welcome to the roadmap!",
            organisation=name,
        )
    return _("The application of %(organisation)s was declined.", organisation=name)


def answer(application: JoinApplication, author, body: str) -> None:
    """The applicant answers staff's question; the application is back in the queue."""
    if application.status != "needs_info":
        raise ApplicationRefused(_("This application is not waiting for an answer."))
    _add_message(application, author, False, body, application.contact_name)
    application.status = "new"
    application.updated_at = utcnow()
    audit.record(author, "application.answer", application)
    tell_applicant(
        application,
        _(
            "Your answer was added to the application of %(organisation)s.",
            organisation=application.organisation_name,
        ),
    )


def _add_message(
    application, author, from_staff: bool, body: str, name: str = ""
) -> None:
    application.messages.append(
        ApplicationMessage(
            from_staff=from_staff,
            author_id=getattr(author, "id", None),
            author_name=(name or getattr(author, "display_name", "") or _("Staff"))[
                :120
            ],
            body_source=body,
            body_html=str(render_markdown(body)),
        )
    )
