"""The thread list on the community page: sorting, filters, tags, paging."""

from datetime import timedelta

from community.timezones import utcnow
from tests.factories import make_reply, make_thread


def titles_in_order(page: str, titles: list[str]) -> list[str]:
    found = [(page.index(title), title) for title in titles if title in page]
    return [title for _, title in sorted(found)]


def test_sort_by_activity_newest_and_votes(client, db, forum, login):
    old = forum.thread
    popular = make_thread(
        forum.community, forum.member, title="Popular question", kind="question"
    )
    fresh = make_thread(
        forum.community, forum.member, title="Fresh discussion", kind="discussion"
    )
    now = utcnow()
    old.created_at, old.last_activity_at = now - timedelta(days=3), now
    popular.created_at = popular.last_activity_at = now - timedelta(days=2)
    fresh.created_at = fresh.last_activity_at = now - timedelta(hours=1)
    popular.vote_count = 5
    db.session.commit()
    titles = [
        "How do you register births offline?",
        "Popular question",
        "Fresh discussion",
    ]
    by_activity = titles_in_order(client.get("/c/govstack").data.decode(), titles)
    assert by_activity == [titles[0], titles[2], titles[1]]
    newest = titles_in_order(
        client.get("/c/govstack?sort=newest").data.decode(), titles
    )
    assert newest == [titles[2], titles[1], titles[0]]
    votes = titles_in_order(client.get("/c/govstack?sort=votes").data.decode(), titles)
    assert votes[0] == "Popular question"
    assert client.get("/c/govstack?sort=bogus").status_code == 200


def test_unanswered_filter_and_tag_filter(client, db, forum):
    answered = make_thread(
        forum.community, forum.member, title="Answered question", tags=["mosip"]
    )
    make_reply(answered, forum.asker, "Here you go")
    make_thread(forum.community, forum.member, title="Just chatting", kind="discussion")
    page = client.get("/c/govstack?filter=unanswered").data.decode()
    assert "How do you register births offline?" in page
    assert "Answered question" not in page and "Just chatting" not in page
    tagged = client.get("/c/govstack?tag=mosip").data.decode()
    assert "Answered question" in tagged and "Just chatting" not in tagged


def test_list_pages_with_a_constant_query_count(
    client, db, forum, login, count_queries
):
    for number in range(30):
        make_thread(
            forum.community,
            forum.member,
            title=f"Thread number {number:02d}",
            tags=["a", "b"],
        )
    login(forum.member)
    client.get("/c/govstack")
    with count_queries() as first:
        page_one = client.get("/c/govstack").data.decode()
    with count_queries() as second:
        page_two = client.get("/c/govstack?page=2").data.decode()
    assert "Page 1 of 2" in page_one and "Page 2 of 2" in page_two
    assert "Thread number 29" in page_one and "Thread number 00" in page_two
    assert first.count == second.count


def test_members_only_community_page_shows_no_threads_to_outsiders(
    client, db, forum, login
):
    from tests.factories import make_community, make_membership

    private = make_community(slug="peers", visibility="members")
    make_membership(forum.asker, private)
    make_thread(private, forum.asker, title="Hidden from outsiders")
    login(forum.outsider)
    assert b"Hidden from outsiders" not in client.get("/c/peers").data
    login(forum.asker)
    assert b"Hidden from outsiders" in client.get("/c/peers").data
