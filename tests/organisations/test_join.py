"""Join this effort: the application, the visitor's e-mail confirmation, the
review's transitions (audited, mailed, notified) and what approval does."""

import re

from sqlalchemy import func, select

from community.audit import AuditLog
from community.notifications.models import Notification
from community.organisations.application_models import JoinApplication
from community.organisations.models import Organisation
from community.organisations.roadmap_models import RoadmapActivity
from tests.factories import make_user
from tests.organisations.factories import make_organisation

KEY = "k" * 32


def answers(**overrides) -> dict:
    values = {
        "submission_key": KEY,
        "organisation_name": "Ministry of Digital Tests",
        "organisation_kind": "government",
        "organisation_country": "KE",
        "contact_name": "Wanjiru Test",
        "email": "wanjiru@example.org",
        "what_it_does": "Runs the national ID pilot.",
        "objectives": ["knowledge"],
        "countries": ["GH", "TG"],
        "proposed_activities": "Regional ID peer forum\n",
        "message": "We would *like* to help.",
    }
    values.update(overrides)
    return values


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def links_in(mailbox, address: str, path: str) -> list[str]:
    mailbox.wait_for(1)
    found = []
    for body in mailbox.bodies_to(address):
        found += re.findall(r"https?://\S*" + re.escape(path) + r"\S+", body)
    return found


def local(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_a_visitor_application_holds_nothing_until_the_address_is_confirmed(
    client, db, mailbox
):
    response = client.post("/join-the-effort", data=answers())
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/join-the-effort/sent")
    assert count(db, JoinApplication) == 0
    [link] = links_in(mailbox, "wanjiru@example.org", "/join-the-effort/confirm/")
    first = client.get(local(link))
    assert first.status_code == 302
    again = client.get(local(link))  # opened twice: still one application
    assert again.status_code == 302
    assert count(db, JoinApplication) == 1
    page = client.get(local(first.headers["Location"]))
    assert page.status_code == 200
    assert b"Ministry of Digital Tests" in page.data
    assert b"<em>like</em>" in page.data
    assert b"Knowledge and networks" in page.data and b"Ghana, Togo" in page.data


def test_a_forged_confirmation_link_is_refused(client, db):
    response = client.get("/join-the-effort/confirm/not-a-token")
    assert response.status_code == 400
    assert count(db, JoinApplication) == 0


def test_the_whole_review_with_a_visitor(client, db, login, logout, mailbox, staff):
    client.post("/join-the-effort", data=answers())
    [link] = links_in(mailbox, "wanjiru@example.org", "/join-the-effort/confirm/")
    client.get(local(link))
    application = db.session.scalar(select(JoinApplication))
    login(staff)
    decide = f"/join-the-effort/applications/{application.id}/decide"
    empty = client.post(decide, data={"decision": "needs_info", "message": ""})
    assert empty.status_code == 400  # a request for information must say what
    mailbox.messages.clear()
    asked = client.post(
        decide, data={"decision": "needs_info", "message": "Which pilot?"}
    )
    assert asked.status_code == 302
    [access] = links_in(mailbox, "wanjiru@example.org", "/join-the-effort/a/")
    logout()
    page = client.get(local(access))
    assert b"Which pilot?" in page.data and b"Answer staff" in page.data
    answered = client.post(local(access), data={"body": "The Huduma pilot."})
    assert answered.status_code == 302
    db.session.expire_all()
    assert application.status == "new"
    login(staff)
    approved = client.post(decide, data={"decision": "approved", "message": "Welcome"})
    assert approved.status_code == 302
    db.session.expire_all()
    organisation = db.session.scalar(
        select(Organisation).where(Organisation.name == "Ministry of Digital Tests")
    )
    assert organisation.is_roadmap_member and organisation.country_code == "KE"
    draft = db.session.scalar(select(RoadmapActivity))
    assert draft.title == "Regional ID peer forum" and not draft.is_published
    assert [o.name for o in draft.leads] == [organisation.name]
    actions = db.session.scalars(
        select(AuditLog.action)
        .where(AuditLog.target_type == "joinapplication")
        .order_by(AuditLog.id)
    ).all()
    assert actions == [
        "application.submit",
        "application.needs_info",
        "application.answer",
        "application.approved",
    ]
    logout()
    assert b"Ministry of Digital Tests" in client.get("/organisations/?member=1").data
    assert client.get(f"/roadmap/{draft.slug}").status_code == 404  # a draft
    # Answering again after the decision is refused.
    assert client.post(local(access), data={"body": "More"}).status_code == 403


def test_a_member_applies_once_and_is_told_in_app(client, db, login, staff):
    member = login(make_user(email_frequency="immediately"))
    data = answers(organisation_kind="funder")
    data.pop("email")
    assert client.post("/join-the-effort", data=data).status_code == 302
    assert client.post("/join-the-effort", data=data).status_code == 302  # double click
    assert count(db, JoinApplication) == 1
    application = db.session.scalar(select(JoinApplication))
    assert application.applicant_id == member.id
    login(staff)
    client.post(
        f"/join-the-effort/applications/{application.id}/decide",
        data={"decision": "declined", "message": "Out of scope for now."},
    )
    kinds = db.session.scalars(
        select(Notification.message)
        .where(Notification.user_id == member.id)
        .order_by(Notification.id)
    ).all()
    assert len(kinds) == 2 and "declined" in kinds[-1]
    login(member)
    page = client.get(f"/join-the-effort/applications/{application.id}")
    assert b"Out of scope for now." in page.data
    # Decided: nothing more may happen to it.
    login(staff)
    again = client.post(
        f"/join-the-effort/applications/{application.id}/decide",
        data={"decision": "approved"},
    )
    assert again.status_code == 400


def test_an_applicant_sees_only_their_own(client, db, login):
    owner = login(make_user())
    data = answers()
    data.pop("email")
    client.post("/join-the-effort", data=data)
    application = db.session.scalar(select(JoinApplication))
    login(make_user())
    url = f"/join-the-effort/applications/{application.id}"
    assert client.get(url).status_code == 404
    assert client.post(url, data={"body": "hijack"}).status_code == 404
    assert b"Digital Tests" not in client.get("/join-the-effort/applications").data
    assert client.get("/join-the-effort/review").status_code == 403
    decide = client.post(url + "/decide", data={"decision": "approved"})
    assert decide.status_code == 403
    login(owner)
    assert client.get(url).status_code == 200


def test_bad_input_keeps_the_text(client, db):
    empty = client.post("/join-the-effort", data={"submission_key": KEY})
    assert empty.status_code == 400
    huge = client.post(
        "/join-the-effort", data=answers(what_it_does="x" * 50_000, contact_name="Kept")
    )
    assert huge.status_code == 400 and b"Kept" in huge.data
    no_name = client.post("/join-the-effort", data=answers(organisation_name=""))
    assert no_name.status_code == 400 and b"give its name" in no_name.data
    bad_choice = client.post("/join-the-effort", data=answers(organisation_id="99999"))
    assert bad_choice.status_code == 400
    assert count(db, JoinApplication) == 0


def test_hostile_text_is_sanitised(client, db, login):
    login(make_user())
    data = answers(message="<script>alert(1)</script>[x](javascript:alert(1))")
    data.pop("email")
    response = client.post("/join-the-effort", data=data)
    page = client.get(response.headers["Location"])
    assert b"<script>alert" not in page.data and b"javascript:" not in page.data


def test_an_existing_organisation_is_named_by_its_record(client, db, login, staff):
    organisation = make_organisation(name="GovStack Initiative")
    login(make_user())
    data = answers(organisation_id=str(organisation.id), organisation_name="")
    data.pop("email")
    client.post("/join-the-effort", data=data)
    application = db.session.scalar(select(JoinApplication))
    assert application.organisation_id == organisation.id
    login(staff)
    client.post(
        f"/join-the-effort/applications/{application.id}/decide",
        data={"decision": "approved"},
    )
    assert count(db, Organisation) == 1


def test_applications_are_rate_limited(app, client, db):
    app.config["JOIN_RATE_LIMIT"] = "2 per minute"
    try:
        statuses = [
            client.post(
                "/join-the-effort", data=answers(submission_key=f"{n}" * 30)
            ).status_code
            for n in range(3)
        ]
    finally:
        app.config["JOIN_RATE_LIMIT"] = "10000 per minute"
    assert statuses == [302, 302, 429]


def test_staff_do_not_answer_for_the_applicant(client, db, login, staff):
    login(make_user())
    data = answers()
    data.pop("email")
    client.post("/join-the-effort", data=data)
    application = db.session.scalar(select(JoinApplication))
    login(staff)
    url = f"/join-the-effort/applications/{application.id}"
    client.post(url + "/decide", data={"decision": "needs_info", "message": "Which?"})
    assert client.post(url, data={"body": "Staff pretending"}).status_code == 403
    db.session.expire_all()
    assert application.status == "needs_info"


def test_an_unconfirmed_account_confirms_its_address_first(client, db, login, mailbox):
    user = login(make_user(email_confirmed_at=None))
    data = answers()
    data.pop("email")
    response = client.post("/join-the-effort", data=data)
    assert response.headers["Location"].endswith("/join-the-effort/sent")
    assert count(db, JoinApplication) == 0
    [link] = links_in(mailbox, user.email, "/join-the-effort/confirm/")
    client.get(local(link))
    assert db.session.scalar(select(JoinApplication.applicant_id)) == user.id
