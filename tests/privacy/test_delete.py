"""Delete my account: the person goes, their posts stay as "deleted member"
(or lose their text where they chose it and the community allows it), and
nothing personal is left in search, feeds, profiles or exports."""

from sqlalchemy import func, select

from community.audit import AuditLog
from community.auth.models import User
from community.discussions import voting
from community.discussions.models import Post, Thread, Vote
from community.events.models import Event, Rsvp
from community.learnings.models import LessonVersion
from community.notifications.models import Notification
from community.search.models import SearchDocument
from tests.factories import PASSWORD, make_user


def delete(client, posts="keep", password=PASSWORD):
    return client.post(
        "/auth/settings/delete", data={"posts": posts, "password": password}
    )


def everything_text(db) -> str:
    """Every text column a reader, search, feed or export may show."""
    parts = []
    for columns in (
        (Post.author_name, Post.body_source),
        (Thread.author_name,),
        (LessonVersion.authors,),
        (SearchDocument.title, SearchDocument.body),
        (AuditLog.detail,),
        (Event.organiser_name,),
    ):
        for row in db.session.execute(select(*columns)):
            parts.extend(str(value) for value in row)
    return "\n".join(parts)


def test_a_wrong_password_deletes_nothing_and_keeps_the_choice(
    client, db, login, leaver
):
    login(leaver.person)
    page = client.get("/auth/settings/delete").get_data(as_text=True)
    assert "1 of your posts is in a community that keeps posts whole" in page
    response = delete(client, posts="remove", password="not it")
    assert (
        response.status_code == 400 and b"That is not your password." in response.data
    )
    assert b'<input checked id="posts-1" name="posts"' in response.data
    assert delete(client, posts="everything").status_code == 400
    assert db.session.get(User, leaver.person.id) is not None


def test_deleting_keeps_posts_as_deleted_member(client, db, login, leaver, mailbox):
    person_id = login(leaver.person).id
    response = delete(client)
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, person_id) is None
    kept = db.session.get(Post, leaver.kept_post.id)
    assert kept.author_id is None and kept.author_name == "deleted member"
    assert (
        db.session.get(Post, leaver.removable.id).body_source == "Lea's removable words"
    )
    assert db.session.get(Thread, leaver.own_thread.id).author_name == "deleted member"
    for model in (Rsvp, Notification):
        count = select(func.count(model.id)).where(model.user_id == person_id)
        assert db.session.scalar(count) == 0, model
    # The freed seat went to the wait list.
    waiting = db.session.scalar(select(Rsvp).where(Rsvp.user_id == leaver.waiting.id))
    assert waiting.status == "going"
    assert db.session.get(Event, leaver.event.id).going_count == 1
    text = everything_text(db)
    for personal in ("Lea Verdi", "leaver@example.org", "user=leaver"):
        assert personal not in text, personal
    assert "deleted member and A. N. Other" in text
    # Logged out, cannot log in, no profile; pages and feeds say "deleted member".
    assert client.get("/auth/settings").status_code == 302
    login_form = {"login": "leaver", "password": PASSWORD}
    assert client.post("/auth/login", data=login_form).status_code == 400
    assert client.get("/u/leaver").status_code == 404
    feed = client.get("/c/govstack/feed.atom").get_data(as_text=True)
    assert "deleted member" in feed and "Lea Verdi" not in feed
    thread = client.get(f"/t/{leaver.own_thread.id}").get_data(as_text=True)
    assert "Lea Verdi" not in thread and "deleted member" in thread
    assert "Lea Verdi" not in client.get("/learnings/export.json").get_data(
        as_text=True
    )
    assert "deleted member" in client.get("/learnings/feed.atom").get_data(as_text=True)
    entry = db.session.scalar(
        select(AuditLog).where(AuditLog.action == "account.delete")
    )
    assert entry.actor_id is None and entry.target_id == person_id


def test_removing_posts_where_the_community_allows(client, db, login, leaver):
    login(leaver.person)
    assert delete(client, posts="remove").status_code == 302
    db.session.expire_all()
    removed = db.session.get(Post, leaver.removable.id)
    assert removed.is_deleted and removed.body_source == ""
    # The "records" community keeps posts whole.
    assert db.session.get(Post, leaver.kept_post.id).body_source == "Lea's kept words"
    # Their own thread has another member's reply: it stays, its opening emptied.
    thread = db.session.get(Thread, leaver.own_thread.id)
    assert not thread.is_hidden
    search = client.get("/search?q=removable").get_data(as_text=True)
    assert "Lea asks about consent" not in search
    assert "Another member answers" in client.get(f"/t/{thread.id}").get_data(
        as_text=True
    )


def test_admins_cannot_delete_their_account(client, db, login):
    login(make_user(site_role="admin"))
    assert client.get("/auth/settings/delete").status_code == 403
    assert delete(client).status_code == 403
    page = client.get("/auth/settings").get_data(as_text=True)
    assert "An admin account cannot be deleted" in page


def test_deleting_a_bare_account_works_too(client, db, login):
    person_id = login(make_user()).id
    assert delete(client).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, person_id) is None


def test_admins_choose_whether_a_community_allows_removal(client, db, login, leaver):
    from community.communities.models import Community

    login(make_user(site_role="admin"))
    form = client.get("/c/govstack/edit").get_data(as_text=True)
    assert 'checked id="allows_post_removal"' in form
    data = {"name": "GovStack", "purpose": "Building blocks", "visibility": "public",
            "join_policy": "open"}  # fmt: skip
    assert client.post("/c/govstack/edit", data=data).status_code == 302
    db.session.expire_all()
    community = db.session.get(Community, leaver.open_one.id)
    assert community.allows_post_removal is False
    entry = db.session.scalar(
        select(AuditLog).where(AuditLog.action == "community.edited")
    )
    assert "allows_post_removal" in entry.detail
    login(leaver.person)
    assert delete(client, posts="remove").status_code == 302
    assert (
        db.session.get(Post, leaver.removable.id).body_source == "Lea's removable words"
    )


def test_the_last_moderator_hands_over_before_deleting(client, db, login):
    from tests.factories import make_community, make_membership

    community = make_community(slug="govstack")
    moderator = make_user(username="onlymod")
    make_membership(moderator, community, role="moderator")
    login(moderator)
    response = delete(client)
    assert response.status_code == 409
    assert "needs at least one moderator" in response.get_data(as_text=True)
    assert db.session.get(User, moderator.id) is not None
    other = make_user(username="secondmod")
    make_membership(other, community, role="moderator")
    assert delete(client).status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(User).where(User.username == "onlymod")) is None


def test_a_deleted_persons_votes_leave_the_totals(client, db, login, leaver):
    answer = db.session.scalar(
        select(Post).where(Post.body_source == "Another member answers")
    )
    record = db.session.get(Post, leaver.kept_post.id).thread
    opening = db.session.scalar(
        select(Post).where(Post.thread_id == record.id, Post.depth == 0)
    )
    third = make_user(username="thirdvoter")
    for voter, post in ((leaver.person, answer), (third, answer)):
        voting.vote(voter, post)
    for voter in (leaver.person, third):
        voting.vote(voter, opening)
    db.session.commit()
    login(leaver.person)
    assert delete(client).status_code == 302
    db.session.expire_all()
    assert db.session.get(Post, answer.id).vote_count == 1  # the other voter's
    assert db.session.get(Post, opening.id).vote_count == 1
    assert db.session.get(Thread, record.id).vote_count == 1
    voters = db.session.scalars(select(Vote.user_id).where(Vote.post_id == answer.id))
    assert list(voters) == [third.id]
