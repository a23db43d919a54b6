"""A post's edit history: every edit, who made it and when, as a word diff;
hidden and deleted posts' history for moderators only."""

import pytest

from tests.factories import make_reply


def edit(client, post_id: int, body: str, version: int):
    data = {"body": body, "version": version}
    return client.post(f"/p/{post_id}/edit", data=data)


def test_every_edit_is_listed_newest_first_with_its_diff(client, db, forum, login):
    post = make_reply(forum.thread, forum.member, "Use the offline registry app")
    login(forum.member)
    assert edit(client, post.id, "Use the offline registry tool", 1).status_code == 302
    login(forum.moderator)
    body = "Use the offline registry tool <script>alert(1)</script>"
    assert edit(client, post.id, body, 2).status_code == 302
    page = client.get(f"/p/{post.id}/history").get_data(as_text=True)
    newest = page.index("Edited by Jonas")
    older = page.index("Edited by Ravi")
    assert newest < older < page.index("First written by")
    assert "registry <del>app</del><ins>tool</ins>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</ins>" in page  # only text
    assert "<script>alert" not in page
    assert "<p>Use the offline registry app</p>" in page  # the first text, shown


def test_an_unedited_post_says_so(client, db, forum):
    post = make_reply(forum.thread, forum.member, "Never changed")
    page = client.get(f"/p/{post.id}/history").get_data(as_text=True)
    assert "This post has not been edited." in page and "Never changed" in page


def test_the_older_address_redirects(client, db, forum):
    post = make_reply(forum.thread, forum.member, "Text")
    response = client.get(f"/p/{post.id}/revisions")
    assert response.status_code == 301
    assert response.headers["Location"].endswith(f"/p/{post.id}/history")
    assert client.get("/p/999999/history").status_code == 404
    assert client.get("/p/999999/revisions").status_code == 404


@pytest.mark.parametrize("removal", ["hide", "delete"])
def test_removed_posts_history_is_for_moderators_only(
    client, db, forum, login, logout, removal
):
    post = make_reply(forum.thread, forum.member, "Call my cousin at 555 0100")
    login(forum.member)
    edit(client, post.id, "Call my cousin", 1)
    if removal == "hide":
        login(forum.moderator)
        client.post(f"/p/{post.id}/hide", data={"reason": "A phone number"})
    else:
        client.post(f"/p/{post.id}/delete")
    url = f"/p/{post.id}/history"
    for person in (None, forum.asker, forum.member):
        if person:
            login(person)
        else:
            logout()
        assert client.get(url).status_code == 404, person
        assert client.get(f"/p/{post.id}/revisions").status_code == 404, person
        thread_page = client.get(f"/t/{forum.thread.id}").get_data(as_text=True)
        assert url not in thread_page
    login(forum.moderator)
    page = client.get(url).get_data(as_text=True)
    assert "555 0100" in page
    assert f'href="{url}">edited</a>' in client.get(f"/t/{forum.thread.id}").get_data(
        as_text=True
    )
