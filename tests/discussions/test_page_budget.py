"""Thread pages hold POSTS_PER_PAGE posts each; a branch continues on the next."""

import re

from community.discussions.reading import POSTS_PER_PAGE
from tests.factories import make_reply


def branch(thread, author, size: int, text: str):
    """A top-level reply with a chain of size - 1 replies under it."""
    top = make_reply(thread, author, f"{text} top")
    parent = top
    for number in range(size - 1):
        parent = make_reply(thread, author, f"{text} {number}", parent=parent)
    return top, parent


def replies_on(page: str) -> int:
    """Reply articles on a page (the opening post, depth 0, not counted)."""
    return len(re.findall(r'class="post depth-[1-9]', page))


def test_pages_are_even_and_a_branch_continues_with_its_context(client, db, forum):
    thread, author = forum.thread, forum.member
    branch(thread, author, 40, "Alpha")
    _top, second_last = branch(thread, author, 40, "Bravo")
    branch(thread, author, 70, "Charlie")  # 150 replies: three full pages
    page_one = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "Page 1 of 3" in page_one
    assert "Alpha top" in page_one and "Bravo 8<" in page_one
    assert "Bravo 9<" not in page_one
    page_two = client.get(f"/t/{thread.id}?page=2").get_data(as_text=True)
    assert "Bravo 9<" in page_two and "Bravo top" not in page_two
    # The branch began on page 1: its parent is named and linked.
    assert "Continued from" in page_two and "“Bravo 8”" in page_two
    parent_id = re.search(r'<a href="/p/(\d+)">a reply by', page_two).group(1)
    assert (
        client.get(f"/p/{parent_id}")
        .headers["Location"]
        .endswith(f"/t/{thread.id}/{thread.slug}#p{parent_id}")
    )
    page_three = client.get(f"/t/{thread.id}?page=3").get_data(as_text=True)
    counts = [replies_on(page) for page in (page_one, page_two, page_three)]
    assert counts == [POSTS_PER_PAGE] * 3
    assert "Continued from" not in page_one

    response = client.get(f"/p/{second_last.id}")  # reply number 80: page 2
    assert response.status_code == 302
    assert "page=2" in response.headers["Location"]
    assert response.headers["Location"].endswith(f"#p{second_last.id}")
    assert client.get(f"/t/{thread.id}?page=99").status_code == 404  # past the end


def test_one_huge_branch_is_spread_over_pages(client, db, forum):
    _top, last = branch(forum.thread, forum.member, 2 * POSTS_PER_PAGE + 5, "Deep")
    pages = [client.get(f"/t/{forum.thread.id}?page={n}") for n in (1, 2, 3)]
    counts = [replies_on(page.get_data(as_text=True)) for page in pages]
    assert counts == [POSTS_PER_PAGE, POSTS_PER_PAGE, 5]
    assert "page=3" in client.get(f"/p/{last.id}").headers["Location"]


def test_many_short_branches_fill_a_page_to_fifty(client, db, forum):
    for number in range(51):
        make_reply(forum.thread, forum.member, f"Short reply {number:02}")
    page_one = client.get(f"/t/{forum.thread.id}").get_data(as_text=True)
    assert "Short reply 49" in page_one and "Short reply 50" not in page_one
    assert "Continued from" not in page_one
    page_two = client.get(f"/t/{forum.thread.id}?page=2").get_data(as_text=True)
    assert "Short reply 50" in page_two and "Continued from" not in page_two


def test_long_threads_offer_jumps_to_the_first_unread_and_latest(
    client, db, forum, login
):
    replies = [make_reply(forum.thread, forum.asker, f"R{n}") for n in range(55)]
    url = f"/t/{forum.thread.id}"
    latest = f'href="/p/{replies[-1].id}">Jump to the latest reply'
    page = client.get(url).get_data(as_text=True)  # a visitor: no read state
    assert latest in page and "first unread" not in page
    login(forum.member)
    client.get(url)  # read up to the newest reply
    newer = make_reply(forum.thread, forum.asker, "After the visit")
    page = client.get(url).get_data(as_text=True)
    assert f'href="/p/{newer.id}">Jump to the first unread reply' in page
    page = client.get(url).get_data(as_text=True)  # read now: nothing unread
    assert "first unread" not in page
    assert f'href="/p/{newer.id}">Jump to the latest reply' in page


def test_short_threads_need_no_jumps(client, db, forum):
    make_reply(forum.thread, forum.asker, "Only one")
    page = client.get(f"/t/{forum.thread.id}").get_data(as_text=True)
    assert "Jump to the latest" not in page


def test_the_continued_from_excerpt_says_its_language(client, db, forum):
    from sqlalchemy import update

    from community.discussions.models import Post

    top, _last = branch(forum.thread, forum.member, POSTS_PER_PAGE + 2, "Suite")
    parent_id = top.id + POSTS_PER_PAGE - 1  # the last post of page 1
    db.session.execute(update(Post).where(Post.id == parent_id).values(language="fr"))
    db.session.commit()
    page_two = client.get(f"/t/{forum.thread.id}?page=2").get_data(as_text=True)
    assert "Continued from" in page_two
    excerpt = f"“Suite {POSTS_PER_PAGE - 2}”"
    assert f'<span lang="fr">{excerpt}</span>' in page_two
