"""A DPG's page and the map, cached for visitors (issue 22): renewed by a
link made to the DPG, never holding what only members may read, and kept no
longer than the first upcoming event it lists."""

from datetime import timedelta

from community.extensions import cache
from community.pagecache.pages import HIT_HEADER
from community.timezones import utcnow
from tests.factories import (
    link_dpg,
    make_community,
    make_dpg,
    make_event,
    make_membership,
    make_thread,
    make_user,
)


def visit(client, logout, path: str):
    logout()
    response = client.get(path)
    assert response.status_code == 200, path
    return response.headers.get(HIT_HEADER), response.get_data(as_text=True)


def test_the_dpg_page_and_the_map_are_stored_for_visitors(client, db, logout):
    make_dpg(slug="mosip", name="MOSIP")
    db.session.commit()
    for path in ("/dpgs/mosip", "/map"):
        assert visit(client, logout, path)[0] == "miss"
        assert visit(client, logout, path)[0] == "hit"


def test_a_new_link_renews_the_stored_dpg_page(client, db, logout):
    dpg = make_dpg(slug="mosip", name="MOSIP")
    community = make_community(slug="govstack")
    author = make_user()
    db.session.commit()
    assert "Enrolment camps" not in visit(client, logout, "/dpgs/mosip")[1]
    link_dpg(make_thread(community, author, title="Enrolment camps"), dpg)
    db.session.commit()
    state, text = visit(client, logout, "/dpgs/mosip")
    assert state == "miss"
    assert "Enrolment camps" in text


def test_a_member_never_fills_the_visitors_copy(client, db, login, logout):
    dpg = make_dpg(slug="mosip", name="MOSIP")
    secret = make_community(slug="closed", visibility="members")
    member = make_user()
    make_membership(member, secret)
    link_dpg(make_thread(secret, member, title="Budget talks"), dpg)
    db.session.commit()
    login(member)
    assert "Budget talks" in client.get("/dpgs/mosip").get_data(as_text=True)
    for _ in range(2):
        assert "Budget talks" not in visit(client, logout, "/dpgs/mosip")[1]


def clinic_ending_soon(db):
    """The DPG "mosip" with one linked event that ends a minute from now; its
    organiser."""
    dpg = make_dpg(slug="mosip", name="MOSIP")
    community = make_community(slug="govstack")
    organiser = make_user()
    soon = (utcnow() + timedelta(minutes=1)).replace(tzinfo=None, microsecond=0)
    event = make_event(
        community,
        organiser,
        title="Registry clinic",
        start_local=soon - timedelta(hours=1),
        end_local=soon,
    )
    link_dpg(event, dpg)
    db.session.commit()
    return organiser


def recorded_timeouts(monkeypatch, wanted) -> dict:
    """{"timeout": ...} of the last cache.set(key, value) that wanted(key, value)."""
    kept = {}
    real_set = cache.set

    def recording_set(key, value, timeout=None):
        if wanted(key, value):
            kept["timeout"] = timeout
        return real_set(key, value, timeout=timeout)

    monkeypatch.setattr(cache, "set", recording_set)
    return kept


def test_the_stored_page_holds_until_its_first_upcoming_event_ends(
    client, db, logout, monkeypatch
):
    clinic_ending_soon(db)
    kept = recorded_timeouts(monkeypatch, lambda key, _value: key.startswith("page:"))
    assert "Registry clinic" in visit(client, logout, "/dpgs/mosip")[1]
    assert 0 < kept["timeout"] <= 60


def signed_in_page(client, login, user, path: str = "/dpgs/mosip") -> str:
    login(user)
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def test_members_share_the_body_only_with_those_reading_the_same_communities(
    client, db, login
):
    dpg = make_dpg(slug="mosip", name="MOSIP")
    secret = make_community(slug="closed", visibility="members")
    member, other_member, outsider = make_user(), make_user(), make_user()
    make_membership(member, secret)
    make_membership(other_member, secret)
    link_dpg(make_thread(secret, member, title="Budget talks"), dpg)
    db.session.commit()
    assert "Budget talks" in signed_in_page(client, login, member)
    assert "Budget talks" in signed_in_page(client, login, other_member)
    assert "Budget talks" not in signed_in_page(client, login, outsider)
    # The outsider's copy is not served back to a member either.
    assert "Budget talks" in signed_in_page(client, login, member)


def test_the_edit_link_stays_with_staff(client, db, login):
    make_dpg(slug="mosip", name="MOSIP")
    staff, member = make_user(site_role="moderator"), make_user()
    db.session.commit()
    assert "Edit this DPG" in signed_in_page(client, login, staff)
    assert "Edit this DPG" not in signed_in_page(client, login, member)
    assert "Edit this DPG" in signed_in_page(client, login, staff)


def test_the_members_body_holds_until_its_first_upcoming_event_ends(
    client, db, login, monkeypatch
):
    organiser = clinic_ending_soon(db)
    kept = recorded_timeouts(
        monkeypatch,
        lambda key, value: key.startswith("value:") and "Registry clinic" in str(value),
    )
    assert "Registry clinic" in signed_in_page(client, login, organiser)
    assert 0 < kept["timeout"] <= 60
