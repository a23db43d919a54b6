"""A member with something of everything: posts, a lesson, an RSVP, a
notification and an audit entry about them."""

from types import SimpleNamespace

import pytest

from community import audit
from community.events import rsvps
from community.extensions import db as _db
from community.notifications.sending import notify
from tests.factories import (
    make_community,
    make_event,
    make_lesson,
    make_membership,
    make_reply,
    make_thread,
    make_user,
)


@pytest.fixture
def leaver(app, db):
    keeping = make_community(slug="records", allows_post_removal=False)
    open_one = make_community(slug="govstack")
    person = make_user(
        username="leaver", display_name="Lea Verdi", organisation="MoICT"
    )
    other = make_user(username="stayer")
    for community in (keeping, open_one):
        make_membership(person, community)
        make_membership(other, community)
    own_thread = make_thread(open_one, person, title="Lea asks about consent")
    make_reply(own_thread, other, "Another member answers")
    kept_post = make_reply(
        make_thread(keeping, other, title="Record"), person, "Lea's kept words"
    )
    removable = make_reply(own_thread, person, "Lea's removable words")
    lesson = make_lesson(author=person, authors="Lea Verdi and A. N. Other")
    event = make_event(open_one, other, capacity=1)
    waiting = make_user(username="waiting")
    with app.test_request_context():
        rsvps.respond(person, event, "going")
        rsvps.respond(waiting, event, "going")
        notify(person, "reply", "Someone replied to Lea", "/t/1")
        audit.record(other, "account.role", person, "member->member")
    _db.session.commit()
    return SimpleNamespace(
        person=person,
        other=other,
        waiting=waiting,
        own_thread=own_thread,
        kept_post=kept_post,
        removable=removable,
        lesson=lesson,
        event=event,
        keeping=keeping,
        open_one=open_one,
    )
