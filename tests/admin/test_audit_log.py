"""The audit log: filters, and community moderators reading only their own."""

from datetime import timedelta

from community import audit
from community.timezones import utcnow
from tests.factories import make_community, make_membership, make_user


def add_entry(db, action, target=None, when=None, actor=None, detail="", subject=None):
    entry = audit.record(actor, action, target, detail, ip="10.0.0.1", subject=subject)
    if when is not None:
        entry.created_at = when
    db.session.commit()
    return entry


def test_filters_by_actor_action_target_community_and_day(
    client, db, login, staff_world
):
    people, target = staff_world.people, staff_world.target
    admin = people["admin"]
    add_entry(db, "account.suspend", target, actor=admin, detail="first")
    add_entry(db, "account.role", people["member"], actor=people["site_moderator"],
              detail="second")  # fmt: skip
    add_entry(db, "community.edited", staff_world.community, actor=admin,
              when=utcnow() - timedelta(days=10), detail="third")  # fmt: skip
    add_entry(db, "membership.banned", staff_world.private, actor=admin,
              detail="user=target: fourth", subject=target)  # fmt: skip
    login(people["admin"])
    today = utcnow().date()
    cases = {
        "actor=boss": {"first", "third", "fourth"},
        "actor=%40sitemod": {"second"},
        "action=account.": {"first", "second"},
        "action=account.role": {"second"},
        "target=target": {"first", "fourth"},
        f"target=user+{target.id}": {"first"},
        "community=govstack": {"third"},
        f"since={today}": {"first", "second", "fourth"},
        f"until={today - timedelta(days=5)}": {"third"},
        "actor=nobody-at-all": set(),
        "community=no-such-place": set(),
    }
    every = {"first", "second", "third", "fourth"}
    for query, expected in cases.items():
        page = client.get(f"/admin/audit?{query}").get_data(as_text=True)
        shown = {word for word in every if f">{word}<" in page or f": {word}<" in page}
        assert shown == expected, query


def test_bad_filters_are_a_400_with_the_values_kept(client, db, login, staff_world):
    login(staff_world.people["admin"])
    bad_day = client.get("/admin/audit?since=yesterday&actor=boss")
    assert bad_day.status_code == 400 and b'value="boss"' in bad_day.data
    backwards = client.get("/admin/audit?since=2026-05-02&until=2026-05-01")
    assert backwards.status_code == 400 and b"comes before" in backwards.data
    assert client.get("/admin/audit?action=" + "a" * 500).status_code == 400
    assert client.get("/admin/audit?target=%27;drop+table").status_code == 200
    assert client.get("/admin/audit?target=%00").status_code == 400  # the NUL guard


def test_community_moderators_read_their_own_communities_only(
    client, db, login, staff_world
):
    elsewhere = make_community(slug="elsewhere")
    add_entry(db, "post.hide", staff_world.community, detail="ours")
    add_entry(db, "post.hide", elsewhere, detail="theirs")
    add_entry(db, "account.suspend", staff_world.target, detail="sitewide")
    login(staff_world.people["moderator"])
    page = client.get("/admin/audit").get_data(as_text=True)
    assert ">ours<" in page
    assert ">theirs<" not in page and ">sitewide<" not in page
    # Asking for another community's entries shows nothing, not an error.
    other = client.get("/admin/audit?community=elsewhere").get_data(as_text=True)
    assert ">theirs<" not in other and "No entries match." in other
    # A banned moderator is no moderator.
    banned = make_user()
    make_membership(banned, staff_world.community, role="moderator", status="banned")
    login(banned)
    assert client.get("/admin/audit").status_code == 403


def test_entries_name_their_community_and_subject(app, db, staff_world):
    from tests.factories import make_reply, make_thread

    author = staff_world.people["member"]
    thread = make_thread(staff_world.community, author)
    post = make_reply(thread, author, "Reply")
    with app.test_request_context():
        entry = audit.record(staff_world.people["moderator"], "post.hide", post)
    assert entry.community_id == staff_world.community.id
    assert entry.subject_id == author.id
