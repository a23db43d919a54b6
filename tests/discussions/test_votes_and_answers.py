"""Upvotes (one per person, not your own, undo) and accepted answers."""

from sqlalchemy import func, select

from community.discussions.models import Post, Thread, Vote
from tests.factories import make_reply, make_thread


def opening_of(db, thread) -> Post:
    return db.session.scalar(
        select(Post).where(Post.thread_id == thread.id, Post.depth == 0)
    )


def votes(db) -> int:
    return db.session.scalar(select(func.count(Vote.id)))


def test_vote_once_then_undo(client, db, forum, login):
    post = make_reply(forum.thread, forum.asker, "Good answer")
    login(forum.member)
    assert client.post(f"/p/{post.id}/vote").status_code == 302
    page = client.get(f"/t/{forum.thread.id}").data.decode()
    assert "1 vote<" in page and "Undo vote" in page
    twice = client.post(f"/p/{post.id}/vote")
    assert twice.status_code == 400 and b"already voted" in twice.data
    assert votes(db) == 1
    assert client.post(f"/p/{post.id}/vote", data={"undo": "1"}).status_code == 302
    db.session.expire_all()
    assert votes(db) == 0 and db.session.get(Post, post.id).vote_count == 0
    undo_again = client.post(f"/p/{post.id}/vote", data={"undo": "1"})
    assert undo_again.status_code == 400


def test_no_votes_on_your_own_post_or_for_visitors(client, db, forum, login):
    post = make_reply(forum.thread, forum.member, "My answer")
    login(forum.member)
    assert client.post(f"/p/{post.id}/vote").status_code == 403
    assert (
        b"Upvote"
        not in client.get(f"/t/{forum.thread.id}").data.split(b'id="p%d"' % post.id)[1][
            :3000
        ]
    )
    assert votes(db) == 0


def test_votes_on_the_opening_post_count_for_the_thread(client, db, forum, login):
    opening = opening_of(db, forum.thread)
    login(forum.member)
    client.post(f"/p/{opening.id}/vote")
    db.session.expire_all()
    assert db.session.get(Thread, forum.thread.id).vote_count == 1


def test_asker_accepts_and_changes_the_answer(client, db, forum, login):
    first = make_reply(forum.thread, forum.member, "Try approach A")
    second = make_reply(forum.thread, forum.moderator, "Approach B is better")
    login(forum.asker)
    assert client.post(f"/p/{first.id}/accept").status_code == 302
    page = client.get(f"/t/{forum.thread.id}").data.decode()
    assert "Accepted answer" in page and "✓ Solved" in page
    assert page.index('id="accepted-heading"') < page.index('id="replies-heading"')
    listing = client.get("/c/govstack").data.decode()
    assert "✓ Solved" in listing
    assert client.post(f"/p/{second.id}/accept").status_code == 302
    db.session.expire_all()
    assert db.session.get(Thread, forum.thread.id).accepted_post_id == second.id
    client.post(f"/p/{second.id}/accept", data={"undo": "1"})
    db.session.expire_all()
    assert db.session.get(Thread, forum.thread.id).accepted_post_id is None


def test_accepting_in_someone_elses_question_is_forbidden(client, db, forum, login):
    post = make_reply(forum.thread, forum.member, "An answer")
    login(forum.member)
    assert client.post(f"/p/{post.id}/accept").status_code == 403
    login(forum.moderator)
    assert client.post(f"/p/{post.id}/accept").status_code == 302


def test_discussions_have_no_accepted_answer(client, db, forum, login):
    chat = make_thread(
        forum.community, forum.asker, title="Let us chat", kind="discussion"
    )
    post = make_reply(chat, forum.member, "Hello")
    login(forum.asker)
    assert client.post(f"/p/{post.id}/accept").status_code == 403


def test_opening_post_or_removed_post_cannot_be_accepted(client, db, forum, login):
    opening = opening_of(db, forum.thread)
    gone = make_reply(forum.thread, forum.member, "Soon gone")
    login(forum.member)
    client.post(f"/p/{gone.id}/delete")
    login(forum.asker)
    assert client.post(f"/p/{opening.id}/accept").status_code == 400
    assert client.post(f"/p/{gone.id}/accept").status_code == 400


def test_posts_stay_quiet_until_there_is_something_to_show(client, db, forum, login):
    post = make_reply(forum.thread, forum.asker, "Quiet reply")
    login(forum.member)
    page = client.get(f"/t/{forum.thread.id}").data.decode()
    article = page.split(f'id="p{post.id}"')[1].split("</article>")[0]
    assert "0 votes" not in article and "Upvote" in article
    # Flagging sits in a small menu that opens without JavaScript.
    more = article.split('<details class="post-more">')[1].split("</details>")[0]
    assert f'href="/p/{post.id}/flag"' in more and "More" in more
    client.post(f"/p/{post.id}/vote")
    page = client.get(f"/t/{forum.thread.id}").data.decode()
    assert '<span class="votes">1 vote</span>' in page
