"""Finding people and acting on one account, each step in the audit log."""

from sqlalchemy import select

from community.audit import AuditLog
from community.auth.models import User
from tests.factories import (
    PASSWORD,
    make_membership,
    make_reply,
    make_thread,
    make_user,
)


def actions(db, person) -> list[str]:
    query = select(AuditLog.action).where(AuditLog.subject_id == person.id)
    return list(db.session.scalars(query.order_by(AuditLog.id)))


def fresh(db, person) -> User:
    db.session.expire_all()
    return db.session.get(User, person.id)


def test_find_people_by_each_field(client, db, login, staff_world):
    login(staff_world.people["site_moderator"])
    make_user(username="wanjiru", display_name="Wanjiru Kamau", country="KE",
              organisation="ICT Authority Kenya")  # fmt: skip
    cases = {
        "q=kamau": "wanjiru",
        "q=WANJIRU%40EXAMPLE": "wanjiru",
        "organisation=authority+kenya": "wanjiru",
        "country=KE": "wanjiru",
        "role=admin": "boss",
        "status=suspended": "benched",
        "status=unconfirmed": "target",
    }
    for query, expected in cases.items():
        page = client.get(f"/admin/?{query}").get_data(as_text=True)
        assert f"@{expected}" in page, query
    only = client.get("/admin/?status=suspended").get_data(as_text=True)
    assert "@target" not in only and "1 account found." in only


def test_search_wildcards_are_literal_and_results_paginate(
    client, db, login, staff_world
):
    login(staff_world.people["admin"])
    for number in range(30):
        make_user(username=f"page{number:02d}", organisation="Paging Ministry")
    assert "0 accounts found" in client.get("/admin/?q=%25").get_data(as_text=True)
    first = client.get("/admin/?organisation=paging").get_data(as_text=True)
    second = client.get("/admin/?organisation=paging&page=2").get_data(as_text=True)
    assert "30 accounts found." in first and "Page 1 of 2" in first
    assert first.count("@page") == 25 and second.count("@page") == 5


def test_bad_search_input_is_a_400_with_the_text_kept(client, db, login, staff_world):
    login(staff_world.people["admin"])
    response = client.get("/admin/?q=" + "x" * 300 + "&organisation=Kept+text")
    assert response.status_code == 400 and b"Kept text" in response.data
    assert client.get("/admin/?country=ZZ").status_code == 400
    assert client.get("/admin/?role=overlord").status_code == 400
    assert client.get("/admin/?page=-3").status_code == 200


def test_suspend_then_lift_the_suspension(app, client, db, login, staff_world, mailbox):
    target = staff_world.target
    other = app.test_client()
    with other.session_transaction() as session:
        session["_user_id"] = target.get_id()
    assert other.get("/auth/settings").status_code == 200
    login(staff_world.people["site_moderator"])
    url = f"/admin/people/{target.id}"
    missing = client.post(f"{url}/suspend", data={"reason": "  "})
    assert missing.status_code == 400 and b"Give a reason." in missing.data
    assert client.post(f"{url}/suspend", data={"reason": "Adverts"}).status_code == 302
    assert fresh(db, target).is_suspended
    assert other.get("/auth/settings").status_code == 302  # logged out everywhere
    again = client.post(f"{url}/suspend", data={"reason": "Twice"})
    assert again.status_code == 400 and b"already suspended" in again.data
    page = client.get(url).get_data(as_text=True)
    assert "Suspended" in page and "Adverts" in page and "End the suspension" in page

    lifted = client.post(f"{url}/unsuspend", data={"note": "Apologised"})
    assert lifted.status_code == 302
    assert not fresh(db, target).is_suspended
    assert actions(db, target) == ["account.suspend", "account.unsuspend"]
    assert any(
        "no longer suspended" in body for body in mailbox.bodies_to(target.email)
    )
    login_form = {"login": "target", "password": PASSWORD}
    assert other.post("/auth/login", data=login_form).status_code == 302
    assert client.post(f"{url}/unsuspend").status_code == 400  # not suspended now


def test_who_may_suspend_whom(client, db, login, staff_world):
    people = staff_world.people
    login(people["site_moderator"])
    for person in (
        people["admin"],
        people["site_moderator"],
        make_user(is_editor=True),
    ):
        url = f"/admin/people/{person.id}/suspend"
        assert client.post(url, data={"reason": "x"}).status_code == 403
    login(people["admin"])
    url = f"/admin/people/{people['site_moderator'].id}/suspend"
    assert client.post(url, data={"reason": "Abuse"}).status_code == 302
    url = f"/admin/people/{people['admin_2fa'].id}/suspend"
    assert client.post(url, data={"reason": "x"}).status_code == 403  # demote first
    url = f"/admin/people/{people['admin'].id}/role"
    assert client.post(url, data={"role": "member"}).status_code == 403  # oneself


def test_roles_and_editors_change_and_are_logged(client, db, login, staff_world):
    target = staff_world.target
    login(staff_world.people["admin"])
    url = f"/admin/people/{target.id}"
    bad = client.post(f"{url}/role", data={"role": "overlord"})
    assert bad.status_code == 400 and b"Not a valid choice" in bad.data
    assert client.post(f"{url}/role", data={"role": "moderator"}).status_code == 302
    assert client.post(f"{url}/editor", data={"editor": "yes"}).status_code == 302
    person = fresh(db, target)
    assert person.site_role == "moderator" and person.is_editor
    assert client.post(f"{url}/editor", data={"editor": "no"}).status_code == 302
    assert client.post(f"{url}/editor", data={"editor": "maybe"}).status_code == 400
    assert not fresh(db, target).is_editor
    assert actions(db, target) == [
        "account.role",
        "account.editor_grant",
        "account.editor_remove",
    ]
    entry = db.session.scalar(select(AuditLog).where(AuditLog.action == "account.role"))
    assert entry.detail == "member->moderator" and entry.ip == "127.0.0.1"


def test_confirm_an_address_by_hand(client, db, login, staff_world):
    target = staff_world.target
    login(staff_world.people["site_moderator"])
    page = client.get(f"/admin/people/{target.id}").get_data(as_text=True)
    assert "Confirm the e-mail address" in page
    assert client.post(f"/admin/people/{target.id}/confirm-email").status_code == 302
    assert fresh(db, target).is_confirmed
    assert actions(db, target) == ["account.confirm_email"]
    # Done once: the button goes and a second try is refused.
    assert client.post(f"/admin/people/{target.id}/confirm-email").status_code == 403


def test_activity_shows_only_what_the_viewer_may_read(client, db, login, staff_world):
    target = staff_world.target
    private = staff_world.private
    make_membership(target, private)
    make_membership(target, staff_world.community)
    make_thread(private, target, title="Secret tender notes")
    make_reply(make_thread(staff_world.community, target, title="Open question"),
               target, "A public reply")  # fmt: skip
    login(staff_world.people["site_moderator"])
    page = client.get(f"/admin/people/{target.id}").get_data(as_text=True)
    assert "Open question" in page and "Secret tender notes" not in page
    assert "1 post in members-only communities you do not read" in page
    login(staff_world.people["admin"])
    page = client.get(f"/admin/people/{target.id}").get_data(as_text=True)
    assert "Secret tender notes" in page
