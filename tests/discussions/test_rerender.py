"""`flask posts rerender`: stored posts get today's renderer's HTML (bare
addresses became links), in batches, and a second run changes nothing."""

from sqlalchemy import select, update

from community.discussions import rerendering
from community.discussions.models import Post
from community.extensions import db as _db
from tests.factories import make_reply

OLD_HTML = "<p>See https://example.org/kit for the forms.</p>"  # before autolinks
LINK = '<a href="https://example.org/kit" rel="nofollow ugc noopener">'


def rerender(app, *options: str):
    return app.test_cli_runner().invoke(args=["posts", "rerender", *options])


def stored_html(post: Post) -> str:
    _db.session.expire_all()
    return _db.session.scalar(select(Post.body_html).where(Post.id == post.id))


def age(post: Post, html: str = OLD_HTML) -> None:
    """Store the HTML an older renderer made for this post."""
    _db.session.execute(update(Post).where(Post.id == post.id).values(body_html=html))
    _db.session.commit()


def test_old_posts_get_links_in_batches_and_a_rerun_changes_nothing(
    app, client, db, forum
):
    linked = make_reply(
        forum.thread, forum.member, "See https://example.org/kit for the forms."
    )
    make_reply(forum.thread, forum.moderator, "Nothing to link here")
    assert LINK in stored_html(linked)  # today's renderer links it
    age(linked)
    page = client.get(f"/t/{forum.thread.id}").get_data(as_text=True)
    assert LINK not in page  # the visitor's page, now cached, has the old HTML

    result = rerender(app, "--batch-size", "1")  # three posts: three batches
    assert result.exit_code == 0, result.output
    assert "Checked 3 posts: 1 re-rendered, 2 already current, 0 refused" in (
        result.output
    )
    assert LINK in stored_html(linked)
    page = client.get(f"/t/{forum.thread.id}").get_data(as_text=True)
    assert LINK in page  # the write renewed the cached page

    again = rerender(app)
    assert again.exit_code == 0
    assert "Checked 3 posts: 0 re-rendered, 3 already current" in again.output


def test_a_source_the_renderer_refuses_now_keeps_its_html(app, db, forum):
    post = make_reply(forum.thread, forum.member, "Fine when it was written")
    _db.session.execute(
        update(Post).where(Post.id == post.id).values(body_source=">" * 5000)
    )
    _db.session.commit()
    before = stored_html(post)
    result = rerender(app)
    assert result.exit_code == 0
    assert "1 refused by the renderer (kept as they were)" in result.output
    assert stored_html(post) == before


def test_a_post_edited_meanwhile_keeps_its_edit(db, forum, monkeypatch):
    post = make_reply(forum.thread, forum.member, "See https://example.org/kit")
    age(post, "<p>The edit saved while the command rendered</p>")
    real_render = rerendering.render_body

    def render_while_someone_edits(source):
        _db.session.execute(  # the edit commits between the read and the write
            update(Post).where(Post.id == post.id).values(version=Post.version + 1)
        )
        return real_render(source)

    monkeypatch.setattr(rerendering, "render_body", render_while_someone_edits)
    batch = rerendering.rerender_batch(0, 10)
    assert (batch.checked, batch.changed) == (2, 0)
    assert stored_html(post) == "<p>The edit saved while the command rendered</p>"


def test_a_bad_batch_size_is_refused_clearly(app, db):
    result = rerender(app, "--batch-size", "0")
    assert result.exit_code == 2
    assert "batch-size" in result.output
