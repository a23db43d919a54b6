"""The moderators' work: requests, roles and bans, each audited."""

import pytest
from sqlalchemy import select

from community.audit import AuditLog
from community.communities.models import Community, Membership
from community.notifications.models import Notification, Subscription
from tests.factories import make_community, make_membership, make_user


@pytest.fixture
def moderated(db):
    community = make_community(join_policy="approval", name="Vendors")
    moderator = make_user(display_name="Sofia")
    make_membership(moderator, community, role="moderator")
    return community, moderator


def row_of(db, community, user):
    db.session.expire_all()
    return db.session.scalar(
        select(Membership).where(
            Membership.community_id == community.id, Membership.user_id == user.id
        )
    )


def audit_actions(db):
    return [entry.action for entry in db.session.scalars(select(AuditLog))]


def test_the_queue_shows_the_requester_and_their_message(client, db, login, moderated):
    community, moderator = moderated
    requester = make_user(
        display_name="Kwame Mensah", organisation="Accra Systems", country="GH"
    )
    make_membership(
        requester, community, status="pending", request_message="I deploy OpenCRVS."
    )
    login(moderator)
    page = client.get(f"/c/{community.slug}/requests")
    assert page.status_code == 200
    for text in (b"Kwame Mensah", b"Accra Systems", b"Ghana", b"I deploy OpenCRVS."):
        assert text in page.data
    show = client.get(f"/c/{community.slug}")
    assert b'Requests and bans <span class="badge">1' in show.data


def test_approving_tells_the_requester_in_app_and_by_mail(
    client, db, login, moderated, mailbox
):
    community, moderator = moderated
    requester = make_user(email="kwame@example.org", email_frequency="immediately")
    make_membership(requester, community, status="pending")
    login(moderator)
    response = client.post(f"/c/{community.slug}/requests/{requester.id}/approve")
    assert response.status_code == 302
    row = row_of(db, community, requester)
    assert (row.status, row.decided_by_id) == ("active", moderator.id)
    assert db.session.get(Community, community.id).member_count == 2
    note = db.session.scalar(
        select(Notification).where(Notification.user_id == requester.id)
    )
    assert note.message == "Your request to join Vendors was approved."
    mailbox.wait_for(1)
    [body] = mailbox.bodies_to("kwame@example.org")
    assert "was approved" in body and f"/c/{community.slug}" in body
    assert "membership.approved" in audit_actions(db)


def test_declining_tells_the_requester(client, db, login, moderated, mailbox):
    community, moderator = moderated
    requester = make_user(email="tomas@example.org", email_frequency="immediately")
    make_membership(requester, community, status="pending")
    login(moderator)
    client.post(f"/c/{community.slug}/requests/{requester.id}/decline")
    assert row_of(db, community, requester).status == "declined"
    assert db.session.get(Community, community.id).member_count == 1
    mailbox.wait_for(1)
    assert "was declined" in mailbox.bodies_to("tomas@example.org")[0]
    assert "membership.declined" in audit_actions(db)


def test_an_already_decided_request_is_not_decided_again(client, db, login, moderated):
    community, moderator = moderated
    requester = make_user(display_name="Tomas")
    make_membership(requester, community, status="pending")
    login(moderator)
    client.post(f"/c/{community.slug}/requests/{requester.id}/approve")
    response = client.post(f"/c/{community.slug}/requests/{requester.id}/decline")
    assert response.status_code == 400
    assert b"Tomas was already decided or withdrawn" in response.data
    assert row_of(db, community, requester).status == "active"
    notes = db.session.scalars(
        select(Notification).where(Notification.user_id == requester.id)
    ).all()
    assert len(notes) == 1


def test_deciding_for_someone_who_never_asked(client, db, login, moderated):
    community, moderator = moderated
    stranger = make_user()
    login(moderator)
    response = client.post(f"/c/{community.slug}/requests/{stranger.id}/approve")
    assert response.status_code == 400
    assert row_of(db, community, stranger) is None
    missing = client.post(f"/c/{community.slug}/requests/999999/approve")
    assert missing.status_code == 404


def test_organisers_cannot_moderate(client, db, login, moderated):
    community, _ = moderated
    organiser = make_user()
    make_membership(organiser, community, role="organiser")
    requester = make_user()
    make_membership(requester, community, status="pending")
    login(organiser)
    response = client.post(f"/c/{community.slug}/requests/{requester.id}/approve")
    assert response.status_code == 403
    assert row_of(db, community, requester).status == "pending"


def test_a_site_moderator_works_the_queue_of_a_members_only_community(
    client, db, login
):
    community = make_community(visibility="members", join_policy="approval")
    requester = make_user()
    make_membership(requester, community, status="pending")
    login(make_user(site_role="moderator"))
    assert client.get(f"/c/{community.slug}/requests").status_code == 200
    client.post(f"/c/{community.slug}/requests/{requester.id}/approve")
    assert row_of(db, community, requester).status == "active"


def test_setting_roles(client, db, login, moderated):
    community, moderator = moderated
    member = make_user()
    make_membership(member, community)
    login(moderator)
    response = client.post(
        f"/c/{community.slug}/members/{member.id}/role", data={"role": "organiser"}
    )
    assert response.status_code == 302
    assert row_of(db, community, member).role == "organiser"
    entry = db.session.scalar(
        select(AuditLog).where(AuditLog.action == "membership.role")
    )
    assert "member->organiser" in entry.detail and entry.actor_id == moderator.id
    note = db.session.scalar(
        select(Notification).where(Notification.user_id == member.id)
    )
    assert "organiser" in note.message


def test_an_unknown_role_is_refused(client, db, login, moderated):
    community, moderator = moderated
    member = make_user()
    make_membership(member, community)
    login(moderator)
    response = client.post(
        f"/c/{community.slug}/members/{member.id}/role", data={"role": "owner"}
    )
    assert response.status_code == 400
    assert b"Choose one of the options offered" in response.data
    assert row_of(db, community, member).role == "member"


def test_roles_are_for_active_members_only(client, db, login, moderated):
    community, moderator = moderated
    requester = make_user()
    make_membership(requester, community, status="pending")
    login(moderator)
    response = client.post(
        f"/c/{community.slug}/members/{requester.id}/role", data={"role": "moderator"}
    )
    assert response.status_code == 400
    assert b"is not an active member" in response.data


def test_the_last_moderator_cannot_be_demoted(client, db, login, moderated):
    community, moderator = moderated
    login(moderator)
    response = client.post(
        f"/c/{community.slug}/members/{moderator.id}/role", data={"role": "member"}
    )
    assert response.status_code == 400
    assert b"needs at least one moderator" in response.data
    assert row_of(db, community, moderator).role == "moderator"


def test_a_moderator_may_step_down_when_another_remains(client, db, login, moderated):
    community, moderator = moderated
    other = make_user()
    make_membership(other, community, role="moderator")
    login(moderator)
    client.post(
        f"/c/{community.slug}/members/{moderator.id}/role", data={"role": "member"}
    )
    assert row_of(db, community, moderator).role == "member"
    # Now the other is the last one, and a site moderator cannot demote them either.
    login(make_user(site_role="moderator"))
    response = client.post(
        f"/c/{community.slug}/members/{other.id}/role", data={"role": "organiser"}
    )
    assert response.status_code == 400
    assert row_of(db, community, other).role == "moderator"


def test_banning_a_member(client, db, login, moderated):
    community, moderator = moderated
    member = make_user(display_name="Spammer")
    make_membership(member, community)
    db.session.add(
        Subscription(user_id=member.id, target_type="community", target_id=community.id)
    )
    db.session.commit()
    login(moderator)
    response = client.post(f"/c/{community.slug}/members/{member.id}/ban")
    assert response.status_code == 302
    assert row_of(db, community, member).status == "banned"
    assert db.session.get(Community, community.id).member_count == 1
    assert db.session.scalars(select(Subscription)).all() == []
    queue = client.get(f"/c/{community.slug}/requests")
    assert b"Banned (1)" in queue.data and b"Spammer" in queue.data
    assert "membership.banned" in audit_actions(db)
    note = db.session.scalar(
        select(Notification).where(Notification.user_id == member.id)
    )
    assert "banned you" in note.message


def test_banning_a_requester_and_lifting_the_ban(client, db, login, moderated):
    community, moderator = moderated
    requester = make_user()
    make_membership(requester, community, status="pending")
    login(moderator)
    client.post(f"/c/{community.slug}/members/{requester.id}/ban")
    assert row_of(db, community, requester).status == "banned"
    assert db.session.get(Community, community.id).member_count == 1
    client.post(f"/c/{community.slug}/members/{requester.id}/unban")
    assert row_of(db, community, requester) is None
    assert "membership.unbanned" in audit_actions(db)
    # They may ask again.
    login(requester)
    client.post(f"/c/{community.slug}/join", data={"message": "Sorry"})
    assert row_of(db, community, requester).status == "pending"


def test_ban_refusals(client, db, login, moderated):
    community, moderator = moderated
    login(moderator)
    itself = client.post(f"/c/{community.slug}/members/{moderator.id}/ban")
    assert itself.status_code == 400 and b"cannot ban yourself" in itself.data
    stranger = make_user()
    response = client.post(f"/c/{community.slug}/members/{stranger.id}/ban")
    assert response.status_code == 400 and b"is not a member" in response.data
    response = client.post(f"/c/{community.slug}/members/{stranger.id}/unban")
    assert response.status_code == 400 and b"is not banned" in response.data
    # A site moderator cannot ban the last moderator either.
    login(make_user(site_role="moderator"))
    response = client.post(f"/c/{community.slug}/members/{moderator.id}/ban")
    assert response.status_code == 400
    assert row_of(db, community, moderator).status == "active"


def test_members_cannot_ban(client, db, login, moderated):
    community, moderator = moderated
    member = make_user()
    make_membership(member, community)
    login(member)
    response = client.post(f"/c/{community.slug}/members/{moderator.id}/ban")
    assert response.status_code == 403
    assert row_of(db, community, moderator).status == "active"
