"""A thread page costs the same number of queries for 10 posts or 300."""

from community.discussions import posting
from community.extensions import db
from tests.factories import make_thread


def grow(thread, people, count: int) -> None:
    """A bushy tree: top-level replies, children and grandchildren, deep chains."""
    parents = []
    for number in range(count):
        author = people[number % len(people)]
        parent = parents[number // 3] if number >= 3 and number % 4 else None
        post, _ = posting.reply(thread, author, f"post {number} @ravi", parent)
        parents.append(post)
    db.session.commit()


def page_queries(client, count_queries, url: str) -> int:
    client.get(url)  # warm up: the first view also records the visit
    with count_queries() as counter:
        response = client.get(url)
    assert response.status_code == 200
    return counter.count


def test_query_count_is_constant(client, db, forum, login, count_queries):
    people = [forum.asker, forum.member, forum.moderator]
    small = forum.thread
    large = make_thread(forum.community, forum.asker, title="A very long discussion")
    grow(small, people, 10)
    grow(large, people, 300)
    for viewer in (None, forum.member):
        if viewer:
            login(viewer)
        small_count = page_queries(client, count_queries, f"/t/{small.id}")
        large_count = page_queries(client, count_queries, f"/t/{large.id}")
        assert small_count == large_count, (viewer, small_count, large_count)
        assert large_count <= 12, large_count
    page_two = page_queries(client, count_queries, f"/t/{large.id}?page=2")
    assert page_two == large_count
    for sort in ("votes", "newest"):  # a page starting mid-branch costs the same
        url = f"/t/{large.id}?page=3&sort={sort}"
        assert page_queries(client, count_queries, url) == large_count, sort
