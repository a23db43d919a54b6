"""Affiliations: a claim is plain text until a manager (or staff) confirms it;
then a verified badge shows beside the name on posts, profiles and attendee lists."""

from sqlalchemy import select

from community.organisations.models import Affiliation
from tests.factories import (
    make_community,
    make_event,
    make_membership,
    make_thread,
    make_user,
)
from tests.organisations.factories import make_affiliation, make_organisation

BADGE = b"badge-verified"


def claim(client, organisation, role="member"):
    return client.post(
        f"/organisations/{organisation.slug}/affiliate",
        data={"role": role, "shown_on_page": "y"},
    )


def decide(client, organisation, row, decision="confirm"):
    return client.post(
        f"/organisations/{organisation.slug}/affiliations/{row.id}/{decision}"
    )


def row_of(db, user):
    db.session.expire_all()
    return db.session.scalar(select(Affiliation).where(Affiliation.user_id == user.id))


def manager_of(db, organisation):
    manager = make_user()
    make_affiliation(manager, organisation, role="manager")
    return manager


def test_a_manager_confirms_and_the_badge_appears_on_the_next_post(client, db, login):
    organisation = make_organisation(name="DIAL", kind="funder")
    manager = manager_of(db, organisation)
    community = make_community()
    member = make_user(organisation="Digital Impact Alliance (self-declared)")
    make_membership(member, community)
    login(member)
    assert claim(client, organisation).status_code == 302
    assert claim(client, organisation).status_code == 403  # one claim each
    thread = make_thread(community, member)
    page = client.get(f"/t/{thread.id}")
    assert BADGE not in page.data and b"(self-declared)" in page.data  # plain text
    login(manager)
    assert decide(client, organisation, row_of(db, member)).status_code == 302
    assert row_of(db, member).is_confirmed
    thread = make_thread(community, member)
    page = client.get(f"/t/{thread.id}").data
    assert BADGE in page and b"DIAL" in page
    assert BADGE in client.get(f"/u/{member.username}").data
    assert (
        member.display_name.encode()
        in client.get(f"/organisations/{organisation.slug}").data
    )


def test_the_badge_shows_on_attendee_lists(client, db, login):
    from community.events.rsvps import respond

    organisation = make_organisation()
    community = make_community()
    organiser = make_user()
    make_membership(organiser, community, role="organiser")
    event = make_event(community, organiser)
    member = make_user()
    make_affiliation(member, organisation)
    respond(member, event, "going")
    db.session.commit()
    login(organiser)
    page = client.get(f"/events/{event.id}/attendees")
    assert page.status_code == 200 and BADGE in page.data


def test_only_staff_confirm_the_first_manager_of_a_government(client, db, login, staff):
    ministry = make_organisation(kind="government")
    first = login(make_user())
    claim(client, ministry, role="manager")
    other_manager = manager_of(db, make_organisation())  # manages another one
    login(other_manager)
    assert decide(client, ministry, row_of(db, first)).status_code == 403
    login(first)
    assert decide(client, ministry, row_of(db, first)).status_code == 403  # own claim
    login(staff)
    assert decide(client, ministry, row_of(db, first)).status_code == 302
    assert row_of(db, first).is_manager
    # Now a manager exists, they may confirm the next people themselves.
    second = login(make_user())
    claim(client, ministry, role="manager")
    login(first)
    assert decide(client, ministry, row_of(db, second)).status_code == 302


def test_turning_down_and_leaving_remove_the_badge(client, db, login, staff):
    organisation = make_organisation()
    member = login(make_user())
    claim(client, organisation)
    login(staff)
    decide(client, organisation, row_of(db, member))
    db.session.expire_all()
    assert member.verified_organisation_id == organisation.id
    login(member)
    assert client.post(f"/organisations/{organisation.slug}/leave").status_code == 302
    db.session.expire_all()
    assert member.verified_organisation_id is None and row_of(db, member) is None
    claim(client, organisation)
    login(staff)
    assert (
        decide(client, organisation, row_of(db, member), "decline").status_code == 302
    )
    assert row_of(db, member) is None


def test_bad_affiliation_requests(client, db, login):
    organisation = make_organisation()
    other = make_organisation()
    login(make_user())
    bad_role = client.post(
        f"/organisations/{organisation.slug}/affiliate", data={"role": "owner"}
    )
    assert bad_role.status_code == 400
    someone = make_user()
    make_affiliation(someone, other, status="pending")
    row = row_of(db, someone)
    # A claim named under another organisation's address, or an unknown decision.
    assert decide(client, organisation, row).status_code == 404
    assert decide(client, other, row, "promote").status_code == 404
    assert client.post("/organisations/nope/affiliate").status_code == 404
    assert client.post(f"/organisations/{organisation.slug}/leave").status_code == 403


def test_visitors_are_sent_to_log_in(client, db):
    organisation = make_organisation()
    response = claim(client, organisation)
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
