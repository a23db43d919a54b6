"""The agenda and the month view from the cache (issue 22): visitors get the
stored page, members the stored body of their reading scope; every kind of
write that changes what they list renews them, time renews the agenda, and
members-only events never reach a visitor or a non-member."""

import time
from datetime import timedelta

import pytest
from sqlalchemy import func, update

from community.events.models import Event, EventOccurrence
from community.extensions import db as _db
from community.pagecache.pages import HIT_HEADER
from community.timezones import utcnow
from tests.factories import (
    make_community,
    make_event,
    make_membership,
    make_thread,
    make_user,
)
from tests.pagecache.test_invalidation import cached, go_members_only, visit


def month_path(event) -> str:
    start = event.start_at
    return f"/events/month/{start.year}/{start.month}"


def as_member(client, login, person, path: str) -> str:
    login(person)
    response = client.get(path)
    assert response.status_code == 200, path
    assert response.headers.get(HIT_HEADER) is None  # never the visitors' cache
    return response.data.decode()


@pytest.fixture
def site(db, login):
    community = make_community(slug="govstack", name="GovStack")
    organiser = make_user(username="olga")
    make_membership(organiser, community, role="organiser")
    event = make_event(community, organiser, title="GovStack forum")
    return community, organiser, event


def pages(event) -> list[str]:
    return [
        "/events/",
        month_path(event),
        "/events/?view=month&month="
        + (f"{event.start_at.year}-{event.start_at.month:02d}"),
    ]


def event_form(**overrides) -> dict:
    start = (utcnow() + timedelta(days=2)).replace(hour=9, minute=0)
    data = {
        "title": "Registration clinic",
        "event_type": "workshop",
        "description": "Bring your questions",
        "timezone": "UTC",
        "start_local": start.strftime("%Y-%m-%dT%H:%M"),
        "end_local": (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "repeat_frequency": "",
        "repeat_interval": "1",
        "repeat_monthly": "day",
        "location": "Online",
    }
    data.update(overrides)
    return data


def test_visitors_get_the_stored_pages(client, db, site, logout):
    for path in pages(site[2]):
        assert visit(client, logout, path)[0] == "miss"
        state, text = visit(client, logout, path)
        assert state == "hit" and "GovStack forum" in text, path


def test_a_new_event_renews_both_views(client, db, site, login, logout):
    _, organiser, event = site
    for path in pages(event):
        assert "Registration clinic" not in cached(client, logout, path)
    login(organiser)
    form = event_form(start_local=event.start_local.strftime("%Y-%m-%dT08:00"))
    form["end_local"] = event.start_local.strftime("%Y-%m-%dT08:30")
    assert client.post("/c/govstack/events/new", data=form).status_code == 302
    for path in pages(event):
        state, text = visit(client, logout, path)
        assert state == "miss" and "Registration clinic" in text, path


def test_an_edit_renews_both_views(client, db, site, login, logout):
    _, organiser, event = site
    for path in pages(event):
        cached(client, logout, path)
    login(organiser)
    form = event_form(title="GovStack forum, renamed")
    form["start_local"] = event.start_local.strftime("%Y-%m-%dT%H:%M")
    form["end_local"] = event.end_local.strftime("%Y-%m-%dT%H:%M")
    assert client.post(f"/events/{event.id}/edit", data=form).status_code == 302
    for path in pages(event):
        assert "GovStack forum, renamed" in visit(client, logout, path)[1], path


def test_cancelling_marks_it_cancelled(client, db, site, login, logout):
    _, organiser, event = site
    for path in pages(event):
        assert "ancelled" not in cached(client, logout, path)
    login(organiser)
    assert client.post(f"/events/{event.id}/cancel").status_code == 302
    for path in pages(event):
        assert "ancelled" in visit(client, logout, path)[1], path


def test_a_moved_or_cancelled_date_renews_them(client, db, site, login, logout):
    community, organiser, _ = site
    login(organiser)
    weekly = event_form(title="Weekly clinic", repeat_frequency="weekly")
    weekly["repeat_count"] = "3"
    assert client.post("/c/govstack/events/new", data=weekly).status_code == 302
    series = _db.session.scalar(_db.select(Event).where(Event.title == "Weekly clinic"))
    first = _db.session.scalar(
        _db.select(func.min(EventOccurrence.original_start_at)).where(
            EventOccurrence.event_id == series.id
        )
    )
    key = first.strftime("%Y%m%dT%H%M%SZ")
    assert "Moved" not in cached(client, logout, "/events/")
    login(organiser)
    moved = (first + timedelta(hours=2)).replace(tzinfo=None)
    form = {
        "start_local": moved.strftime("%Y-%m-%dT%H:%M"),
        "end_local": (moved + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "location": "Room 2",
    }
    response = client.post(f"/events/{series.id}/occurrences/{key}", data=form)
    assert response.status_code == 302
    assert "Moved" in visit(client, logout, "/events/")[1]
    month = month_path(series)
    assert f"{moved:%H:%M} " in cached(client, logout, month)
    login(organiser)
    response = client.post(f"/events/{series.id}/occurrences/{key}/cancel")
    assert response.status_code == 302
    assert f"{moved:%H:%M} " not in visit(client, logout, month)[1]


def test_deleting_an_event_renews_them(client, db, site, logout):
    event = site[2]
    for path in pages(event):
        assert "GovStack forum" in cached(client, logout, path)
    _db.session.delete(_db.session.get(Event, event.id))
    _db.session.commit()
    for path in pages(event):
        assert "GovStack forum" not in visit(client, logout, path)[1], path


def test_an_event_moved_to_a_members_only_community_leaves(client, db, site, logout):
    event = site[2]
    private = make_community(slug="digital-id", visibility="members")
    for path in pages(event):
        assert "GovStack forum" in cached(client, logout, path)
    _db.session.execute(
        update(Event).where(Event.id == event.id).values(community_id=private.id)
    )
    _db.session.commit()
    for path in pages(event):
        assert "GovStack forum" not in visit(client, logout, path)[1], path


def test_going_members_only_hides_its_events(client, db, site, login, logout):
    event = site[2]
    outsider = make_user()
    for path in pages(event):
        assert "GovStack forum" in cached(client, logout, path)
        assert "GovStack forum" in as_member(client, login, outsider, path)
    login(make_user(site_role="admin"))
    go_members_only(client, "GovStack")
    for path in pages(event):
        assert "GovStack forum" not in visit(client, logout, path)[1], path
        assert "GovStack forum" not in as_member(client, login, outsider, path)


def test_members_only_events_reach_only_members(client, db, login, logout):
    """A member's page, stored for their reading scope, is never what a
    visitor or a non-member gets, in whatever order they come."""
    private = make_community(slug="digital-id", visibility="members")
    member, outsider = make_user(), make_user()
    make_membership(member, private, role="organiser")
    secret = make_event(private, member, title="Confidential rollout review")
    for path in pages(secret):
        for _ in range(2):
            assert "Confidential rollout review" in as_member(
                client, login, member, path
            )
            assert "Confidential rollout review" not in as_member(
                client, login, outsider, path
            )
            assert "Confidential rollout review" not in visit(client, logout, path)[1]
    assert "digital-id" not in visit(client, logout, "/events/")[1]


def test_joining_and_leaving_change_what_a_member_sees(client, db, login):
    private = make_community(slug="digital-id", visibility="members")
    organiser, reader = make_user(), make_user()
    make_membership(organiser, private, role="organiser")
    secret = make_event(private, organiser, title="Confidential rollout review")

    def sees_it(path: str) -> bool:
        text = as_member(client, login, reader, path)
        return "Confidential rollout review" in text

    assert not any(sees_it(path) for path in pages(secret))
    membership = make_membership(reader, private)
    assert all(sees_it(path) for path in pages(secret))
    membership.status = "banned"
    _db.session.commit()
    assert not any(sees_it(path) for path in pages(secret))


def test_members_share_the_body_but_not_the_page(client, db, site, login):
    """Two readers of the same communities get the same stored body, each in
    their own page (their name in the navigation)."""
    first = make_user(display_name="Amina Reader")
    second = make_user(display_name="Bruno Reader")
    for path in pages(site[2]):
        text = as_member(client, login, first, path)
        assert "Amina Reader" in text and "GovStack forum" in text
        text = as_member(client, login, second, path)
        assert "Bruno Reader" in text and "Amina Reader" not in text


def test_the_agenda_drops_an_event_once_it_ends(client, db, site, logout):
    """Nothing is written when an event ends: the stored agenda is kept only
    until the first listed date ends."""
    community, organiser, _ = site
    now = utcnow().replace(tzinfo=None)
    make_event(
        community,
        organiser,
        title="Quick stand-up",
        start_local=now - timedelta(minutes=5),
        end_local=now + timedelta(seconds=2),
    )
    assert "Quick stand-up" in cached(client, logout, "/events/")
    time.sleep(3)
    state, text = visit(client, logout, "/events/")
    assert state == "miss" and "Quick stand-up" not in text


def test_a_visitors_zone_is_part_of_the_key(client, db, site, logout):
    """The tz cookie changes every time shown: a page in one zone is never
    served to a visitor who chose another."""
    event = site[2]
    assert "10:00" in cached(client, logout, month_path(event))
    client.set_cookie("tz", "Asia/Tokyo")
    state, text = visit(client, logout, month_path(event))
    assert state == "miss" and "19:00" in text and "10:00" not in text
    client.delete_cookie("tz")


def test_a_stored_body_costs_a_member_two_statements(
    client, db, site, login, count_queries
):
    """The account (with its memberships) and the content version; the lists'
    own queries run once per version and reading scope."""
    login(make_user())
    for path in pages(site[2]):
        client.get(path)
        with count_queries() as counter:
            assert client.get(path).status_code == 200
        assert counter.count == 2, (path, counter.statements)


def test_a_reply_leaves_the_event_lists_stored(client, db, site, login, logout):
    """The event lists have their own version: discussions do not renew them."""
    community, organiser, event = site
    thread = make_thread(community, organiser, title="Offline registration")
    for path in pages(event):
        cached(client, logout, path)
    login(organiser)
    response = client.post(f"/t/{thread.id}/reply", data={"body": "Our answer"})
    assert response.status_code == 302
    for path in pages(event):
        assert visit(client, logout, path)[0] == "hit", path


def test_renaming_the_community_renews_them(client, db, site, login, logout):
    event = site[2]
    for path in pages(event):
        assert "GovStack ·" not in cached(client, logout, path)
    login(make_user(site_role="admin"))
    form = {
        "name": "GovStack Initiative",
        "slug": "govstack",
        "purpose": "A test community",
        "description": "",
        "visibility": "public",
        "join_policy": "open",
    }
    assert client.post("/c/govstack/edit", data=form).status_code == 302
    state, text = visit(client, logout, "/events/")
    assert state == "miss" and "GovStack Initiative" in text
    assert "GovStack Initiative" in visit(client, logout, month_path(event))[1]
