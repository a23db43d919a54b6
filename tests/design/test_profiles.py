"""Issue 20: profiles that read like a person (organisation, country, languages,
expertise, communities) with recent contributions grouped (threads, replies,
lessons, events); members-only contributions only for those who may see them."""

import html

from tests.auth.test_settings import profile_form
from tests.factories import (
    make_community,
    make_event,
    make_lesson,
    make_membership,
    make_reply,
    make_thread,
    make_user,
)


def profile(client, username: str) -> str:
    response = client.get(f"/u/{username}")
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def section(page: str, heading_id: str) -> str:
    part = page[page.index(f'id="{heading_id}"') :]
    return part[: part.index("</section>")]


def test_languages_and_expertise_are_saved_and_shown(client, db, login):
    login(make_user(username="amina"))
    data = profile_form(
        spoken_languages="English, Kiswahili",
        expertise="digital identity, payments, ",
    )
    assert client.post("/auth/settings", data=data).status_code == 302
    page = profile(client, "amina")
    assert "<dt>Languages</dt><dd>English, Kiswahili</dd>" in page
    assert '<li class="tag">digital identity</li><li class="tag">payments</li>' in page
    assert "Ministry of ICT" in page and "Kenya" in page


def test_too_long_expertise_is_refused_with_the_text_kept(client, db, login):
    login(make_user())
    long = "interoperability, " * 30
    response = client.post("/auth/settings", data=profile_form(expertise=long))
    assert response.status_code == 400
    text = html.unescape(response.get_data(as_text=True))
    assert long.strip() in text and "I lead **digital ID** work." in text


def contributions(db):
    person = make_user(username="bola", display_name="Bola Ade")
    public = make_community(slug="open", name="Open")
    closed = make_community(slug="closed", name="Closed", visibility="members")
    for community in (public, closed):
        make_membership(person, community)
    other = make_user()
    make_membership(other, public)
    theirs = make_thread(public, other, title="Someone else's question")
    make_reply(theirs, person, "My public answer")
    make_thread(public, person, title="Public question")
    make_thread(closed, person, title="Closed question")
    make_lesson(person, community=public, title="Public lesson")
    make_lesson(person, community=closed, title="Closed lesson")
    make_event(public, person, title="Public forum")
    make_event(closed, person, title="Closed forum")
    return person, closed


def test_contributions_are_grouped(client, db):
    contributions(db)
    page = profile(client, "bola")
    assert "Public question" in section(page, "profile-threads-heading")
    assert "Someone else's question" in section(page, "profile-replies-heading")
    assert "Public lesson" in section(page, "profile-lessons-heading")
    assert "Public forum" in section(page, "profile-events-heading")
    assert "Open" in section(page, "profile-communities-heading")


def test_members_only_contributions_stay_with_members(client, db, login):
    person, closed = contributions(db)
    hidden = ("Closed question", "Closed lesson", "Closed forum", ">Closed<")
    for viewer in (None, make_user()):
        if viewer is not None:
            login(viewer)
        page = profile(client, "bola")
        assert not [word for word in hidden if word in page]
    member = make_user()
    make_membership(member, closed)
    login(member)
    page = profile(client, "bola")
    assert all(word in page for word in hidden)


def test_a_new_profile_says_what_to_add(client, db, login):
    login(make_user(username="newcomer"))
    page = profile(client, "newcomer")
    assert "No posts to show yet." in page
    assert 'href="/auth/settings">Edit your profile' in page
    login(make_user())
    assert "Edit your profile" not in profile(client, "newcomer")
