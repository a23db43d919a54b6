"""Feeds readers already hold must change when a person is anonymised: the
lessons Atom feed named them as author, so its ETag has to move."""

from tests.privacy.test_delete import delete


def test_lessons_feed_etag_moves_when_the_author_is_anonymised(
    client, db, login, logout, leaver
):
    logout()
    before = client.get("/learnings/feed.atom")
    assert before.status_code == 200 and b"Lea Verdi" in before.data
    etag = before.headers["ETag"]
    again = client.get("/learnings/feed.atom", headers={"If-None-Match": etag})
    assert again.status_code == 304  # nothing changed yet

    login(leaver.person)
    assert delete(client).status_code == 302
    logout()
    after = client.get("/learnings/feed.atom", headers={"If-None-Match": etag})
    assert after.status_code == 200, "a reader would keep the old author name"
    assert after.headers["ETag"] != etag
    assert b"Lea Verdi" not in after.data
