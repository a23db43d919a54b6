from tests.factories import make_reply


def test_thread_page_renders(client, forum, login):
    reply = make_reply(forum.thread, forum.member, "First answer")
    make_reply(forum.thread, forum.asker, "Thanks", parent=reply)
    login(forum.member)
    response = client.get(f"/t/{forum.thread.id}")
    assert response.status_code == 200, response.data.decode()[:3000]
    assert b"First answer" in response.data
    response = client.get("/c/govstack")
    assert response.status_code == 200
    assert b"How do you register births offline?" in response.data
