"""Replies sorted by votes, oldest or newest; the accepted answer stays first."""

from community.discussions import voting
from community.extensions import db
from tests.factories import make_reply, make_user


def order_of(page: str, *texts: str) -> list[str]:
    return sorted(texts, key=page.index)


def vote_for(post, count: int, community) -> None:
    from tests.factories import make_membership

    for _ in range(count):
        voter = make_user()
        make_membership(voter, community)
        voting.vote(voter, post)
    db.session.commit()


def test_replies_sort_by_votes_newest_and_oldest(client, db, forum):
    first = make_reply(forum.thread, forum.member, "Answer Alpha")
    make_reply(forum.thread, forum.member, "Under Alpha", parent=first)
    second = make_reply(forum.thread, forum.moderator, "Answer Bravo")
    make_reply(forum.thread, forum.member, "Answer Charlie")
    vote_for(second, 2, forum.community)
    url = f"/t/{forum.thread.id}"
    texts = ("Answer Alpha", "Under Alpha", "Answer Bravo", "Answer Charlie")
    oldest = client.get(url).get_data(as_text=True)
    assert order_of(oldest, *texts) == list(texts)
    by_votes = client.get(f"{url}?sort=votes").get_data(as_text=True)
    assert order_of(by_votes, *texts) == [
        "Answer Bravo",
        "Answer Alpha",
        "Under Alpha",  # a branch stays whole, in its own order
        "Answer Charlie",
    ]
    assert '<option value="votes" selected>' in by_votes
    newest = client.get(f"{url}?sort=newest").get_data(as_text=True)
    assert order_of(newest, *texts) == [
        "Answer Charlie",
        "Answer Bravo",
        "Answer Alpha",
        "Under Alpha",
    ]


def test_the_accepted_answer_stays_first_and_is_shown_once(client, db, forum, login):
    make_reply(forum.thread, forum.member, "Popular answer")
    popular = make_reply(forum.thread, forum.member, "Popular answer two")
    accepted = make_reply(forum.thread, forum.moderator, "The accepted words")
    vote_for(popular, 3, forum.community)
    login(forum.asker)
    client.post(f"/p/{accepted.id}/accept")
    page = client.get(f"/t/{forum.thread.id}?sort=votes").get_data(as_text=True)
    assert order_of(page, "The accepted words", "Popular answer two") == [
        "The accepted words",
        "Popular answer two",
    ]
    # In full once, in the discussion; the top holds a short link to it.
    assert page.count("<p>The accepted words</p>") == 1
    assert f'href="/p/{accepted.id}">Read the accepted answer' in page


def test_a_bad_sort_value_means_the_default_order(client, db, forum):
    make_reply(forum.thread, forum.member, "One")
    make_reply(forum.thread, forum.member, "Two")
    for value in ("sideways", "", "votes'--", "x" * 5000, "votes&sort=newest"):
        response = client.get(f"/t/{forum.thread.id}", query_string={"sort": value})
        assert response.status_code == 200, value
        page = response.get_data(as_text=True)
        assert order_of(page, "<p>One", "<p>Two") == ["<p>One", "<p>Two"]
    many = client.get(f"/t/{forum.thread.id}?sort=newest&sort=votes")
    assert many.status_code == 200


def test_a_question_shows_how_many_answers_it_has(client, db, forum, login):
    url = f"/t/{forum.thread.id}"
    assert "0 answers" in client.get(url).get_data(as_text=True)
    first = make_reply(forum.thread, forum.member, "The only answer")
    make_reply(forum.thread, forum.asker, "A comment on it", parent=first)
    page = client.get(url).get_data(as_text=True)
    assert ">1 answer<" in page  # the comment under it is not an answer
    removed = make_reply(forum.thread, forum.member, "Spam answer")
    login(forum.member)
    client.post(f"/p/{removed.id}/delete")
    assert ">1 answer<" in client.get(url).get_data(as_text=True)


def test_a_hidden_accepted_answer_is_not_quoted_at_the_top(client, db, forum, login):
    accepted = make_reply(forum.thread, forum.member, "Call me on 555 0100")
    login(forum.asker)
    client.post(f"/p/{accepted.id}/accept")
    login(forum.moderator)
    client.post(f"/p/{accepted.id}/hide", data={"reason": "A phone number"})
    assert "555 0100" in client.get(f"/t/{forum.thread.id}").get_data(as_text=True)
    login(forum.asker)
    page = client.get(f"/t/{forum.thread.id}").get_data(as_text=True)
    assert "555 0100" not in page and "Read the accepted answer" not in page
