"""ETag and Last-Modified follow every change of a calendar feed (issue 17, item 4).

Before, the ETag hashed times cut to the second (two edits in one second: the
same ETag) and Last-Modified ignored RSVPs and memberships (a client sending
only If-Modified-Since never saw an event join its personal feed).
"""

from email.utils import parsedate_to_datetime

from community.events import rsvps, scheduling
from community.extensions import db as database
from tests.factories import make_community, make_event, make_membership, make_user


def conditional(client, url, response, etag=True, date=True):
    headers = {}
    if etag:
        headers["If-None-Match"] = response.headers["ETag"]
    if date:
        headers["If-Modified-Since"] = response.headers["Last-Modified"]
    return client.get(url, headers=headers)


def edit_title(event, title):
    data = scheduling.EventData(
        title=title,
        timezone=event.timezone,
        start_local=event.start_local,
        end_local=event.end_local,
    )
    scheduling.update_event(None, event, data)
    database.session.commit()


def test_unchanged_feed_answers_304_to_either_validator(client, db):
    make_event(make_community(slug="same"))
    url = "/c/same/events.ics"
    first = client.get(url)
    assert conditional(client, url, first).status_code == 304
    assert conditional(client, url, first, date=False).status_code == 304
    assert conditional(client, url, first, etag=False).status_code == 304


def test_two_edits_in_one_second_are_two_versions(client, db):
    event = make_event(make_community(slug="fast"))
    url = "/c/fast/events.ics"
    edit_title(event, "First title")
    first = client.get(url)
    edit_title(event, "Second title")  # well within the same second
    second = conditional(client, url, first)
    assert second.status_code == 200 and b"Second title" in second.data
    assert second.headers["ETag"] != first.headers["ETag"]
    # A client that only sends the date sees the change too.
    assert conditional(client, url, first, etag=False).status_code == 200
    assert conditional(client, url, second).status_code == 304


def test_personal_feed_moves_on_rsvp_and_membership_changes(client, db):
    person = make_user()
    public = make_community(slug="open-one")
    other = make_community(slug="open-two")
    event = make_event(public, title="Workshop A")
    make_event(other, title="Workshop B")
    url = f"/calendar/{person.calendar_token}.ics"
    empty = client.get(url)
    assert b"Workshop A" not in empty.data
    rsvps.respond(person, event, "going")
    database.session.commit()
    joined = conditional(client, url, empty, etag=False)  # If-Modified-Since only
    assert joined.status_code == 200 and b"Workshop A" in joined.data
    make_membership(person, other)
    member = conditional(client, url, joined, etag=False)
    assert member.status_code == 200 and b"Workshop B" in member.data
    rsvps.respond(person, event, "not_going")
    database.session.commit()
    left = conditional(client, url, member, etag=False)
    assert left.status_code == 200 and b"Workshop A" not in left.data
    # Last-Modified moved on every change and never went back.
    stamps = [
        parsedate_to_datetime(item.headers["Last-Modified"])
        for item in (empty, joined, member, left)
    ]
    assert stamps == sorted(stamps) and len(set(stamps)) == 4
