"""Trust levels come from activity; promotion sticks; caps follow the level."""

from datetime import timedelta

import pytest

from community.discussions.models import Flag, ThreadRead
from community.timezones import utcnow
from community.trust import levels
from community.trust.levels import Activity, earned_level, limits_for
from tests.factories import (
    make_community,
    make_membership,
    make_reply,
    make_thread,
    make_user,
)


@pytest.mark.parametrize(
    "activity, level",
    [
        (Activity(days=0, posts=0, reads=0, flagged=0), levels.NEW),
        (Activity(days=0, posts=5, reads=50, flagged=0), levels.NEW),  # too young
        (Activity(days=1, posts=1, reads=5, flagged=0), levels.BASIC),
        (Activity(days=30, posts=1, reads=5, flagged=0), levels.BASIC),
        (Activity(days=15, posts=10, reads=30, flagged=0), levels.MEMBER),
        (Activity(days=15, posts=10, reads=30, flagged=1), levels.NEW),  # flagged
        (Activity(days=90, posts=60, reads=150, flagged=0), levels.REGULAR),
        (Activity(days=90, posts=60, reads=20, flagged=0), levels.BASIC),
    ],
)
def test_earned_level(activity, level):
    assert earned_level(activity) == level


def test_activity_counts_visible_posts_reads_and_upheld_flags(db):
    community = make_community()
    person = make_user(created_at=utcnow() - timedelta(days=20))
    other = make_user()
    make_membership(person, community)
    thread = make_thread(community, person)
    for number in range(3):
        make_reply(thread, person, f"reply {number}")
    hidden = make_reply(thread, person, "hidden later")
    hidden.hidden_at = utcnow()
    db.session.add(ThreadRead(user_id=person.id, thread_id=thread.id))
    db.session.add(
        Flag(
            post_id=hidden.id,
            user_id=other.id,
            community_id=community.id,
            reason="spam",
            resolution="hidden",
            resolved_at=utcnow(),
        )
    )
    db.session.commit()
    activity = levels.activity_of(person)
    assert activity == Activity(days=20, posts=4, reads=1, flagged=1)


def test_promotion_by_activity_and_it_sticks(db):
    community = make_community()
    person = make_user(created_at=utcnow() - timedelta(days=2))
    make_membership(person, community)
    assert levels.promote(person) == levels.NEW
    threads = [make_thread(community, person) for _ in range(5)]
    for thread in threads:
        db.session.add(ThreadRead(user_id=person.id, thread_id=thread.id))
    db.session.commit()
    assert levels.promote(person) == levels.BASIC
    assert person.trust_level == levels.BASIC
    for thread in threads:
        thread_posts = make_reply(thread, person, "x")
        thread_posts.deleted_at = utcnow()
    db.session.commit()
    assert levels.promote(person) == levels.BASIC  # a level reached is kept


def test_staff_are_leaders(db):
    assert levels.effective_level(make_user(site_role="moderator")) == levels.LEADER
    assert levels.promote(make_user(site_role="admin")) == levels.LEADER


def test_limits_for_each_level(db):
    new = make_user()
    member = make_user(trust_level=levels.MEMBER)
    assert limits_for(new).mentions < limits_for(member).mentions
    assert limits_for(new).links < limits_for(member).links
    assert limits_for(new).images == 0
    assert limits_for(make_user(site_role="admin")).level == levels.LEADER


def test_posts_over_the_level_caps_are_refused_with_the_text_kept(client, db, login):
    """The caps on one post come from the trust level (community/limits.py)."""
    from tests.factories import make_user as person

    community = make_community(slug="govstack")
    author = person()
    make_membership(author, community)
    thread = make_thread(community, author)
    for name in ("ann", "bob", "cyd", "dee"):
        person(username=name)
    login(author)

    def reply(body):
        return client.post(f"/t/{thread.id}/reply", data={"body": body})

    four = "@ann @bob @cyd @dee"
    refused = reply(four)
    assert refused.status_code == 400
    assert "may mention at most 3 people" in refused.data.decode()
    assert four in refused.data.decode()
    image = reply("Chart: ![chart](https://a.example/c.png)")
    assert image.status_code == 400
    assert "at most 0 images" in image.data.decode()

    author.trust_level = levels.MEMBER
    db.session.commit()
    assert reply(four).status_code == 302
    assert reply("Chart: ![chart](https://a.example/c.png)").status_code == 302


def test_posting_promotes_even_with_holding_off(client, db, login):
    from tests.factories import make_user as person

    community = make_community(slug="govstack")
    author = person(created_at=utcnow() - timedelta(days=3))
    make_membership(author, community)
    threads = [make_thread(community, author) for _ in range(5)]
    for thread in threads:
        db.session.add(ThreadRead(user_id=author.id, thread_id=thread.id))
    db.session.commit()
    login(author)
    client.post(f"/t/{threads[0].id}/reply", data={"body": "Thanks, that helped"})
    db.session.expire_all()
    assert db.session.get(type(author), author.id).trust_level == levels.BASIC


def test_settings_show_the_trust_level(client, db, login):
    login(make_user(trust_level=levels.BASIC))
    page = client.get("/auth/settings").get_data(as_text=True)
    assert "Your trust level: basic." in page


def test_visitors_count_as_new(app):
    from flask_login import AnonymousUserMixin

    assert limits_for(AnonymousUserMixin()).level == levels.NEW
