"""Events are found by search, edits show at once, and cancelled ones leave it."""

from sqlalchemy import select

from community.events.models import Event
from tests.events.test_ical import event_form, organiser_of
from tests.factories import make_community, make_membership, make_user


def found(client, query: str, **filters) -> list[str]:
    html = client.get("/search", query_string={"q": query, **filters}).get_data(
        as_text=True
    )
    return [
        part.split("</a></h2>")[0].split(">")[-1] for part in html.split("<h2><a")[1:]
    ]


def test_events_follow_create_edit_and_cancel(client, db, login):
    community = make_community(slug="govstack")
    organiser_of(community, login)
    form = event_form(
        title="Interoperability clinic", description="Bring your X-Road questions"
    )
    assert client.post("/c/govstack/events/new", data=form).status_code == 302
    event_id = db.session.scalar(select(Event.id))
    assert found(client, "x-road questions", kind="event") == [
        "Interoperability clinic"
    ]

    edited = event_form(
        title="Interoperability clinic", description="Bring your consent questions"
    )
    assert client.post(f"/events/{event_id}/edit", data=edited).status_code == 302
    assert found(client, "x-road") == []
    assert found(client, "consent") == ["Interoperability clinic"]

    assert client.post(f"/events/{event_id}/cancel").status_code == 302
    assert found(client, "consent") == []


def test_members_only_events_are_found_only_by_members(client, db, login):
    peers = make_community(slug="peers", visibility="members")
    organiser_of(peers, login)
    form = event_form(title="Peer budget session", description="Closed-door numbers")
    assert client.post("/c/peers/events/new", data=form).status_code == 302
    assert found(client, "closed-door") == ["Peer budget session"]
    login(make_user())
    assert found(client, "closed-door") == []
    member = make_user()
    make_membership(member, peers)
    login(member)
    assert found(client, "closed-door") == ["Peer budget session"]
