"""The busiest write, done once (issue 13): one Markdown pass, the mentioned
people looked up once, the search document extended in place, mail after the
commit, one redirect. And issue 14 (e): mentions and links per post are capped."""

from datetime import timedelta

from sqlalchemy import select

import community.text as text_package
from community.discussions.models import Post
from community.notifications.models import Notification
from community.search.indexing import reindex_all
from community.search.models import SearchDocument
from community.timezones import utcnow
from community.trust.levels import BASIC
from tests.factories import make_user


def count_markdown_passes(monkeypatch) -> list:
    calls = []
    convert = text_package.markdown.Markdown.convert

    def counting(self, source):
        calls.append(source)
        return convert(self, source)

    monkeypatch.setattr(text_package.markdown.Markdown, "convert", counting)
    return calls


def test_a_reply_takes_one_markdown_pass_one_lookup_and_one_redirect(
    client, db, forum, login, monkeypatch, count_queries
):
    reindex_all()  # the thread has its search document, as after publish_thread
    db.session.commit()
    login(forum.member)
    passes = count_markdown_passes(monkeypatch)
    with count_queries() as counter:
        response = client.post(
            f"/t/{forum.thread.id}/reply", data={"body": "Thanks @amina and @jonas"}
        )
    assert response.status_code == 302
    assert len(passes) == 1
    lookups = [s for s in counter.statements if "users.username_key IN" in s]
    assert len(lookups) == 1
    # Nothing re-reads the thread's posts to rebuild its search document.
    rebuilds = [
        s for s in counter.statements if "SELECT posts.thread_id, posts.body_html" in s
    ]
    assert rebuilds == []
    followed = client.get(response.headers["Location"])
    assert followed.status_code == 200  # one redirect, then the page


def test_each_reply_is_a_search_document_of_its_own(client, db, forum, login):
    reindex_all()
    db.session.commit()
    login(forum.member)
    client.post(f"/t/{forum.thread.id}/reply", data={"body": "Try **nightly** sync"})
    db.session.expire_all()
    document = db.session.scalar(
        select(SearchDocument).where(
            SearchDocument.kind == "post", SearchDocument.parent_id == forum.thread.id
        )
    )
    assert document.body == "Try nightly sync"
    assert document.url == f"/p/{document.object_id}"
    assert document.heading == forum.thread.title and document.title == ""
    assert "nightly" in client.get("/search?q=nightly").data.decode()


def test_mail_leaves_only_after_the_commit(app, db, mailbox):
    from community.mail import pending_mail
    from community.notifications.sending import notify

    person = make_user(email_frequency="immediately")
    with app.test_request_context():
        notify(person, "mention", "Someone mentioned you", "/t/1")
        assert pending_mail() == 1
        assert mailbox.wait_for(1, timeout=0.3) == []  # not before the commit
        db.session.commit()
        assert len(mailbox.wait_for(1)) == 1
        notify(person, "mention", "This one is rolled back", "/t/1")
        db.session.rollback()
        assert pending_mail() == 0
        db.session.commit()
    assert len(mailbox.wait_for(2, timeout=0.3)) == 1


def established(user):
    user.created_at = utcnow() - timedelta(days=3)
    user.trust_level = BASIC
    return user


def test_new_accounts_mention_a_few_people_per_post(client, db, forum, login):
    names = [make_user(username=f"person{number}").username for number in range(4)]
    body = "Hello " + " ".join(f"@{name}" for name in names)
    login(forum.member)  # created today: a new account
    response = client.post(f"/t/{forum.thread.id}/reply", data={"body": body})
    assert response.status_code == 400
    page = response.data.decode()
    assert "may mention at most 3 people" in page and "@person3" in page
    assert db.session.scalar(select(Post).where(Post.depth == 1)) is None
    assert db.session.scalar(select(Notification)) is None


def test_established_accounts_have_a_higher_cap(app, client, db, forum, login):
    names = [make_user(username=f"someone{number}").username for number in range(11)]
    author = established(forum.member)
    db.session.commit()
    login(author)
    four = "Hi " + " ".join(f"@{name}" for name in names[:4])
    assert (
        client.post(f"/t/{forum.thread.id}/reply", data={"body": four}).status_code
        == 302
    )
    eleven = "Hi " + " ".join(f"@{name}" for name in names)
    response = client.post(f"/t/{forum.thread.id}/reply", data={"body": eleven})
    assert response.status_code == 400
    assert "may mention at most 10 people" in response.data.decode()


def test_links_per_post_are_capped_for_new_accounts(client, db, forum, login):
    links = " ".join(f"[site {n}](https://example.org/{n})" for n in range(6))
    login(forum.member)
    response = client.post(f"/t/{forum.thread.id}/reply", data={"body": links})
    assert response.status_code == 400
    assert "at most 5 links" in response.data.decode()
    new_thread = client.post(
        "/c/govstack/new",
        data={"title": "Many links here", "kind": "discussion", "body": links},
    )
    assert new_thread.status_code == 400
    assert "at most 5 links" in new_thread.data.decode()


def test_bare_addresses_are_links_and_count_against_the_cap(client, db, forum, login):
    login(forum.member)
    bare = " ".join(f"https://example.org/{n}" for n in range(6))
    response = client.post(f"/t/{forum.thread.id}/reply", data={"body": bare})
    assert response.status_code == 400
    assert "at most 5 links" in response.data.decode()
    assert "https://example.org/5</textarea>" in response.data.decode()  # kept
    body = "See https://example.org/guide."
    assert (
        client.post(f"/t/{forum.thread.id}/reply", data={"body": body}).status_code
        == 302
    )
    page = client.get(f"/t/{forum.thread.id}").data.decode()
    assert (
        '<a href="https://example.org/guide" rel="nofollow ugc noopener">'
        "https://example.org/guide</a>." in page
    )


def test_edits_are_capped_too(client, db, forum, login):
    from tests.factories import make_reply

    post = make_reply(forum.thread, forum.member, "Short")
    for number in range(4):
        make_user(username=f"named{number}")
    login(forum.member)
    body = "Now " + " ".join(f"@named{number}" for number in range(4))
    response = client.post(f"/p/{post.id}/edit", data={"body": body, "version": 1})
    assert response.status_code == 400
    assert "may mention at most 3 people" in response.data.decode()
