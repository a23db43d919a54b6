"""Thread pages hold whole branches and about POSTS_PER_PAGE posts."""

from community.discussions.reading import POSTS_PER_PAGE
from tests.factories import make_reply


def branch(thread, author, size: int, text: str):
    """A top-level reply with a chain of size - 1 replies under it."""
    top = make_reply(thread, author, f"{text} top")
    parent = top
    for number in range(size - 1):
        parent = make_reply(thread, author, f"{text} {number}", parent=parent)
    return top, parent


def test_deep_branches_spread_over_pages_and_links_find_them(client, db, forum):
    thread, author = forum.thread, forum.member
    branch(thread, author, 40, "Alpha")
    _top, second_last = branch(thread, author, 40, "Bravo")
    branch(thread, author, POSTS_PER_PAGE + 20, "Charlie")  # a page of its own
    page_one = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "Alpha top" in page_one and "Bravo top" not in page_one
    assert "Page 1 of 3" in page_one
    page_two = client.get(f"/t/{thread.id}?page=2").get_data(as_text=True)
    assert "Bravo top" in page_two and "Charlie top" not in page_two
    page_three = client.get(f"/t/{thread.id}?page=3").get_data(as_text=True)
    assert "Charlie top" in page_three and "Charlie 78" in page_three

    response = client.get(f"/p/{second_last.id}")
    assert response.status_code == 302
    assert "page=2" in response.headers["Location"]
    assert response.headers["Location"].endswith(f"#p{second_last.id}")
    assert client.get(f"/t/{thread.id}?page=99").status_code == 404  # past the end


def test_many_short_branches_fill_a_page_to_fifty(client, db, forum):
    for number in range(51):
        make_reply(forum.thread, forum.member, f"Short reply {number:02}")
    page_one = client.get(f"/t/{forum.thread.id}").get_data(as_text=True)
    assert "Short reply 49" in page_one and "Short reply 50" not in page_one
    page_two = client.get(f"/t/{forum.thread.id}?page=2").get_data(as_text=True)
    assert "Short reply 50" in page_two
