"""A lesson names the thread where it is discussed and the event where it was
presented; each of those pages links back, to viewers who may read the lesson."""

import pytest

from community.extensions import db
from tests.factories import (
    make_community,
    make_event,
    make_lesson,
    make_membership,
    make_thread,
    make_user,
)


@pytest.fixture
def world(db):
    public = make_community(slug="open", name="Open Peers")
    secret = make_community(slug="secret", name="Secret Peers", visibility="members")
    author = make_user()
    member = make_user()
    make_membership(author, public)
    make_membership(member, secret)
    return {
        "author": author,
        "member": member,
        "lesson": make_lesson(author=author, title="Registering births at scale"),
        "thread": make_thread(public, author, title="Birth registration talk"),
        "event": make_event(public, author, title="Civil registration forum"),
        "secret_thread": make_thread(secret, member, title="Members only talk"),
        "secret_event": make_event(secret, member, title="Members only forum"),
    }


def save(client, lesson, thread="", event=""):
    return client.post(
        f"/learnings/{lesson.slug}/venues",
        data={"discussion_thread_id": thread, "presented_event_id": event},
    )


def test_the_author_links_a_thread_and_an_event_and_each_links_back(
    client, world, login, logout
):
    lesson, thread, event = world["lesson"], world["thread"], world["event"]
    login(world["author"])
    form = client.get(f"/learnings/{lesson.slug}/venues").get_data(as_text=True)
    assert "Birth registration talk (Open Peers)" in form
    assert "Civil registration forum" in form
    assert "Members only" not in form  # only what the author can see
    response = save(client, lesson, thread.id, event.id)
    assert response.status_code == 302
    db.session.refresh(lesson)
    assert (lesson.discussion_thread_id, lesson.presented_event_id) == (
        thread.id,
        event.id,
    )
    page = client.get(f"/learnings/{lesson.slug}").get_data(as_text=True)
    assert f'href="/t/{thread.id}">Birth registration talk</a>' in page
    assert f'href="/events/{event.id}">Civil registration forum</a>' in page
    logout()
    thread_page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "Lessons from this discussion" in thread_page
    assert f'href="/learnings/{lesson.slug}"' in thread_page
    event_page = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert (
        "Presented here" in event_page and "Registering births at scale" in event_page
    )
    other = client.get(f"/t/{world['secret_thread'].id}")
    assert other.status_code == 404


def test_clearing_the_links_removes_the_back_links(client, world, login):
    lesson, thread = world["lesson"], world["thread"]
    login(world["author"])
    save(client, lesson, thread.id)
    assert save(client, lesson).status_code == 302
    db.session.refresh(lesson)
    assert lesson.discussion_thread_id is None
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert "Lessons from this discussion" not in page


def test_someone_elses_members_only_thread_and_event_are_refused(client, world, login):
    lesson = world["lesson"]
    login(world["author"])
    response = save(client, lesson, world["secret_thread"].id, world["event"].id)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "That discussion is not one you can read" in page
    response = save(client, lesson, world["thread"].id, world["secret_event"].id)
    assert response.status_code == 400
    assert "That event is not one you can see" in response.get_data(as_text=True)
    db.session.refresh(lesson)
    assert lesson.discussion_thread_id is None and lesson.presented_event_id is None


@pytest.mark.parametrize(
    ("thread", "event"),
    [("abc", ""), ("", "1.5"), ("99999999999999999999", ""), ("", "2147483647")],
)
def test_hostile_ids_answer_400(client, world, login, thread, event):
    login(world["author"])
    response = save(client, world["lesson"], thread, event)
    assert response.status_code == 400


def test_only_the_author_and_editors_link(client, world, login):
    lesson = world["lesson"]
    url = f"/learnings/{lesson.slug}/venues"
    assert client.get(url).status_code == 302  # to the login page
    login(make_user())
    assert client.get(url).status_code == 403
    assert save(client, lesson, world["thread"].id).status_code == 403
    login(make_user(is_editor=True))
    assert client.get(url).status_code == 200
    assert client.get("/learnings/nothing-here/venues").status_code == 404


def test_back_links_show_only_lessons_the_viewer_may_read(client, world, login, logout):
    member, secret_thread = world["member"], world["secret_thread"]
    secret = secret_thread.community
    hidden_lesson = make_lesson(author=member, title="Secret lesson", community=secret)
    public_lesson = make_lesson(author=member, title="Open lesson about it")
    draft = make_lesson(author=member, title="Draft lesson", status="draft")
    login(member)
    for lesson in (hidden_lesson, public_lesson):
        assert save(client, lesson, "", world["event"].id).status_code == 302
    assert save(client, draft, "", world["event"].id).status_code == 302
    event_id = world["event"].id
    assert save(client, public_lesson, secret_thread.id, event_id).status_code == 302
    page = client.get(f"/events/{world['event'].id}").get_data(as_text=True)
    assert "Secret lesson" in page and "Open lesson about it" in page
    assert "Draft lesson" not in page  # not published
    for viewer in (None, world["author"]):
        logout()
        if viewer:
            login(viewer)
        page = client.get(f"/events/{world['event'].id}").get_data(as_text=True)
        assert "Open lesson about it" in page and "Secret lesson" not in page
        lesson_page = client.get(f"/learnings/{public_lesson.slug}").get_data(
            as_text=True
        )
        assert "Members only talk" not in lesson_page  # their thread stays hidden


# role -> (GET the form on a published lesson, POST it, GET on an archived one)
MATRIX = {
    "author": (200, 302, 403),
    "member": (403, 403, 403),
    "outsider": (404, 404, 404),  # the lesson sits in a members-only community
    "editor": (200, 302, 403),
    "admin": (200, 302, 403),
    "suspended author": (302, 302, 302),  # signed out, as everywhere
    "anonymous": (302, 302, 302),
}


@pytest.mark.parametrize("role", list(MATRIX))
def test_permission_matrix(client, db, login, role):
    from community.timezones import utcnow

    community = make_community(visibility="members")
    author = make_user()
    people = {
        "author": author,
        "member": make_user(),
        "outsider": make_user(),
        "editor": make_user(is_editor=True),
        "admin": make_user(site_role="admin"),
        "suspended author": author,
        "anonymous": None,
    }
    for person in (author, people["member"], people["editor"]):
        make_membership(person, community)
    lesson = make_lesson(author=author, community=community)
    archived = make_lesson(author=author, community=community, status="archived")
    thread = make_thread(community, author)
    if role == "suspended author":
        author.suspended_at = utcnow()
        db.session.commit()
    if people[role] is not None:
        login(people[role])
    shown, saved, closed = MATRIX[role]
    assert client.get(f"/learnings/{lesson.slug}/venues").status_code == shown
    assert save(client, lesson, thread.id).status_code == saved
    assert client.get(f"/learnings/{archived.slug}/venues").status_code == closed


@pytest.mark.parametrize("token", [None, "stale-token-from-yesterday"])
def test_the_form_refuses_a_missing_or_stale_token(app, client, world, login, token):
    login(world["author"])
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        data = {"discussion_thread_id": world["thread"].id}
        if token:
            data["csrf_token"] = token
        response = client.post(f"/learnings/{world['lesson'].slug}/venues", data=data)
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert f'<option selected value="{world["thread"].id}">' in page  # choice kept
    db.session.refresh(world["lesson"])
    assert world["lesson"].discussion_thread_id is None


def test_each_list_offers_none_in_its_own_words(client, world, login):
    """ "None" is one message per context (pgettext): each still reads "None"."""
    login(world["author"])
    form = client.get(f"/learnings/{world['lesson'].slug}/venues").get_data(
        as_text=True
    )
    assert form.count('<option selected value="">None</option>') == 2
    new = client.get("/learnings/new").get_data(as_text=True)
    assert '<option value="">None</option>' in new  # no related community
