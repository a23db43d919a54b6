"""Content says which language it is written in (issue 15): a thread's posts, a
lesson and an event carry a validated language, pages mark the element with
`lang` (and `dir`), and lists filter with ?language= (?lang= is the page's)."""

import re

import pytest
from sqlalchemy import select

from community.communities.models import Community
from community.discussions.models import Post, Thread
from community.events.models import Event
from community.learnings.models import Lesson
from tests.events.test_ical import event_form
from tests.factories import (
    make_community,
    make_event,
    make_lesson,
    make_membership,
    make_reply,
    make_thread,
    make_user,
)
from tests.learnings.test_authoring import VALID as LESSON


def selected_language(page: str, field_id: str = "language") -> str | None:
    select_html = re.search(rf'<select[^>]*id="{field_id}".*?</select>', page, re.S)
    assert select_html, f"no {field_id} select"
    chosen = re.search(r'<option selected value="([^"]*)"', select_html.group(0))
    return chosen.group(1) if chosen else None


@pytest.fixture
def member(db, login):
    community = make_community(slug="hub", name="Hub")
    person = login(make_user(language="pt"))
    make_membership(person, community)
    return person


# --- threads and replies -----------------------------------------------------


def test_the_form_starts_on_the_authors_language(client, member):
    page = client.get("/c/hub/new").get_data(as_text=True)
    assert selected_language(page) == "pt"
    # Among the choices: the hub's languages, common others, "another language".
    for code in ("en", "fr", "es", "pt", "sw", "ar", "und"):
        assert f'value="{code}"' in page


def test_without_a_setting_the_page_language_is_the_default(client, db, login):
    community = make_community(slug="hub")
    make_membership(login(make_user(language="")), community)
    page = client.get("/c/hub/new?lang=fr").get_data(as_text=True)
    assert selected_language(page) == "fr"
    assert "Kiswahili (swahili)" in page  # its own name, then the page's


def test_a_thread_in_french_is_marked_lang_fr(client, db, member):
    response = client.post(
        "/c/hub/new",
        data={
            "title": "Interopérabilité des registres",
            "kind": "question",
            "body": "Comment faites-vous ?",
            "language": "fr",
        },
    )
    assert response.status_code == 302
    thread = db.session.scalar(select(Thread))
    assert thread.language == "fr"
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert '<h1 lang="fr">Interopérabilité des registres</h1>' in page
    assert '<div class="prose" lang="fr"><p>Comment faites-vous ?</p>' in page
    # The page itself stays in the reader's language (their setting: pt).
    assert '<html lang="pt">' in page


def test_a_reply_in_arabic_is_marked_right_to_left(client, db, member):
    community = make_community(slug="other")
    make_membership(member, community)
    thread = make_thread(community, member)
    response = client.post(
        f"/t/{thread.id}/reply", data={"body": "مرحبا بالجميع", "language": "ar"}
    )
    assert response.status_code == 302
    post = db.session.scalar(select(Post).where(Post.depth == 1))
    assert post.language == "ar"
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    assert '<div class="prose" lang="ar" dir="rtl"><p>مرحبا بالجميع</p>' in page


def test_the_accepted_answer_excerpt_marks_only_the_quoted_text(client, db, member):
    community = db.session.scalar(select(Community).where(Community.slug == "hub"))
    thread = make_thread(community, member, kind="question")
    client.post(f"/t/{thread.id}/reply", data={"body": "Merci !", "language": "fr"})
    answer = db.session.scalar(select(Post).where(Post.depth == 1))
    assert client.post(f"/p/{answer.id}/accept").status_code == 302
    page = client.get(f"/t/{thread.id}").get_data(as_text=True)
    box = page.split('id="accepted-heading"')[1].split("</aside>")[0]
    assert '<span lang="fr">Merci !</span>' in box
    assert "<p>" in box  # the author's name and the link are in the page's language


def test_a_reply_without_a_language_takes_the_authors(db, member):
    thread = make_thread(make_community(slug="third"), member)
    assert make_reply(thread, member).language == "pt"
    assert thread.language == "pt"


@pytest.mark.parametrize(
    "value", ["xx", "<script>alert(1)</script>", "fr" * 200, "EN", "fr-FR"]
)
def test_a_language_not_in_the_list_is_refused_with_the_text_kept(
    client, member, value
):
    body = "Un texte que je ne veux pas perdre."
    response = client.post(
        "/c/hub/new",
        data={
            "title": "Un titre assez long",
            "kind": "question",
            "body": body,
            "language": value,
        },
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert body in page and "<script>alert(1)</script>" not in page
    assert 'aria-invalid="true"' in page


def test_the_community_list_filters_threads_by_language(client, db, member):
    community = db.session.scalar(select(Community))
    make_thread(community, member, title="Une question en français", language="fr")
    make_thread(community, member, title="A question in English", language="en")
    page = client.get("/c/hub?language=fr").get_data(as_text=True)
    assert "Une question en français" in page and "A question in English" not in page
    assert '<option value="fr" selected>' in page
    assert 'lang="fr">Une question en français</a>' in page
    # ?lang= is the page's language, not a filter: both threads, French page.
    both = client.get("/c/hub?lang=fr").get_data(as_text=True)
    assert "Une question en français" in both and "A question in English" in both
    # An unknown value is no filter (never a 500).
    for bad in ("zz", "<b>", "x" * 300, "und-x"):
        response = client.get(f"/c/hub?language={bad}")
        assert response.status_code == 200
        assert "A question in English" in response.get_data(as_text=True)
    none = client.get("/c/hub?language=sw&lang=en").get_data(as_text=True)
    assert "No threads match." in none


# --- lessons -----------------------------------------------------------------


def test_a_lesson_says_its_language_on_its_page_and_in_its_versions(client, db, member):
    from tests.factories import catalogue_dpg

    catalogue_dpg("OpenCRVS"), catalogue_dpg("DHIS2")
    page = client.get("/learnings/new").get_data(as_text=True)
    assert selected_language(page) == "pt"
    response = client.post("/learnings/new", data={**LESSON, "language": "es"})
    assert response.status_code == 302
    lesson = db.session.scalar(select(Lesson))
    assert lesson.working_version.language == "es"
    draft = client.get(f"/learnings/{lesson.slug}/draft").get_data(as_text=True)
    assert f'<h1 lang="es">{LESSON["title"]}</h1>' in draft
    assert '<p class="lead" lang="es">' in draft
    assert '<div class="prose" lang="es">' in draft
    assert "Español" in draft  # "Written in" in the facts
    edit = client.get(f"/learnings/{lesson.slug}/edit").get_data(as_text=True)
    assert selected_language(edit) == "es"  # the edit form keeps it


def test_a_bad_lesson_language_is_a_400_with_everything_kept(client, db, member):
    response = client.post("/learnings/new", data={**LESSON, "language": "klingon"})
    assert response.status_code == 400
    assert LESSON["summary"] in response.get_data(as_text=True)
    assert db.session.scalar(select(Lesson)) is None


def test_the_library_filters_and_counts_lessons_by_language(client, db):
    make_lesson(title="Registro civil en Bolivia", language="es")
    make_lesson(title="Civil registration in Kenya", language="en")
    make_lesson(title="Older lesson without a language")
    page = client.get("/learnings/?lang=en").get_data(as_text=True)
    facet = re.search(
        r'<section aria-labelledby="facet-language">.*?</section>', page, re.S
    )
    assert facet, "no language facet"
    assert "Español (Spanish)" in facet.group(0) and "English" in facet.group(0)
    assert "(1)" in facet.group(0)
    chosen = client.get("/learnings/?language=es").get_data(as_text=True)
    assert "Registro civil en Bolivia" in chosen
    assert "Civil registration in Kenya" not in chosen
    assert 'lang="es">Registro civil en Bolivia</a>' in chosen
    # An unknown value is dropped, as every facet's.
    assert "Civil registration in Kenya" in client.get(
        "/learnings/?language=zz"
    ).get_data(as_text=True)


def test_a_members_only_lessons_language_never_reaches_a_visitor(client, db):
    private = make_community(slug="closed", visibility="members")
    make_lesson(title="Closed lesson", community=private, language="sw")
    make_lesson(title="Open lesson", language="en")
    facet = r'<section aria-labelledby="facet-language">.*?</section>'
    page = client.get("/learnings/").get_data(as_text=True)
    assert "Closed lesson" not in page
    assert "Kiswahili" not in re.search(facet, page, re.S).group(0)
    # Chosen, it stays listed to be undone, with nothing counted.
    chosen = client.get("/learnings/?language=sw").get_data(as_text=True)
    assert "Closed lesson" not in chosen and "Open lesson" not in chosen
    assert re.search(r"Kiswahili \(Swahili\)</a> <span class=\"muted\">\(0\)", chosen)


# --- events ------------------------------------------------------------------


@pytest.fixture
def organiser(db, login):
    community = make_community(slug="forum", name="Forum")
    person = login(make_user(language="fr", timezone="Africa/Dakar"))
    make_membership(person, community, role="organiser")
    return person


def test_an_event_says_its_language_on_its_page(client, db, organiser):
    page = client.get("/c/forum/events/new").get_data(as_text=True)
    assert selected_language(page) == "fr"
    response = client.post(
        "/c/forum/events/new", data=event_form(title="Forum mensuel", language="fr")
    )
    assert response.status_code == 302
    event = db.session.scalar(select(Event))
    assert event.language == "fr"
    shown = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert '<h1 id="event-title" lang="fr">Forum mensuel</h1>' in shown
    assert '<div class="prose" lang="fr">' in shown
    # Editing keeps it, and can change it.
    edit = client.get(f"/events/{event.id}/edit").get_data(as_text=True)
    assert selected_language(edit) == "fr"
    client.post(f"/events/{event.id}/edit", data=event_form(language="wo"))
    db.session.expire_all()
    assert db.session.get(Event, event.id).language == "wo"


def test_a_bad_event_language_is_a_400_with_the_form_kept(client, db, organiser):
    response = client.post(
        "/c/forum/events/new", data=event_form(title="Kept title", language="../x")
    )
    assert response.status_code == 400
    assert 'value="Kept title"' in response.get_data(as_text=True)
    assert db.session.scalar(select(Event)) is None


@pytest.mark.parametrize("view", ["", "view=month&"])
def test_the_agenda_filters_events_by_language(client, db, view):
    make_event(title="Forum en français", language="fr")
    make_event(title="English webinar", language="en")
    page = client.get(f"/events/?{view}language=fr").get_data(as_text=True)
    assert "Forum en français" in page and "English webinar" not in page
    assert 'id="filter-language"' in page
    assert re.search(r'lang="fr">(<span lang="fr">)?Forum en français</', page)
    bad = client.get(f"/events/?{view}language=<x>")
    assert bad.status_code == 200 and "English webinar" in bad.get_data(as_text=True)


def test_a_members_only_event_stays_hidden_whatever_the_language(client, db):
    private = make_community(slug="closed-events", visibility="members")
    make_event(private, title="Closed meeting", language="pt")
    for url in ("/events/?language=pt", "/events/?view=month&language=pt"):
        assert "Closed meeting" not in client.get(url).get_data(as_text=True)


# --- the API -----------------------------------------------------------------


def test_the_api_says_each_threads_and_posts_language(client, db, member):
    community = db.session.scalar(select(Community))
    thread = make_thread(community, member, language="fr")
    make_reply(thread, member)  # no choice: the author's setting, pt
    shown = client.get(f"/api/v1/threads/{thread.id}").json
    assert shown["language"] == "fr"
    posts = client.get(f"/api/v1/threads/{thread.id}/posts").json["items"]
    assert [post["language"] for post in posts] == ["fr", "pt"]
