"""Lessons in the site search: published versions only, members-only kept private."""

from community.search.indexing import reindex_all
from tests.factories import make_community, make_lesson, make_membership, make_user


def titles(response) -> str:
    return response.data.decode()


def test_publishing_indexes_the_published_version_only(client, db, login, logout):
    author = make_user()
    lesson = make_lesson(
        author,
        status="in_review",
        title="Enrolment camps",
        sections={"learned": "Offline enrolment needs nightly sync."},
        dpgs=["MOSIP"],
    )
    assert "Enrolment camps" not in titles(client.get("/search?q=enrolment"))
    login(make_user(is_editor=True))
    client.post(
        f"/learnings/{lesson.slug}/publish",
        data={
            "version_id": str(lesson.working_version_id),
            "content_digest": lesson.working_version.digest,
        },
    )
    logout()
    page = titles(client.get("/search?q=nightly+sync"))
    assert "Enrolment camps" in page and f"/learnings/{lesson.slug}" in page
    assert "Enrolment camps" in titles(client.get("/search?q=mosip&kind=lesson"))

    # A revision under review stays out of search until it is published.
    login(author)
    client.post(f"/learnings/{lesson.slug}/revise")
    form = {
        "title": "Enrolment camps revisited",
        "summary": "s",
        "pilot_name": "p",
        "countries": ["KE"],
        "sector": "identity",
        "stage": "pilot",
        "year": "2024",
        "authors": "a",
        "organisation": "o",
        "learned": "Zebra crossings.",
    }
    client.post(f"/learnings/{lesson.slug}/edit", data=form)
    client.post(f"/learnings/{lesson.slug}/submit")
    assert "revisited" not in titles(client.get("/search?q=zebra"))


def test_reindex_lists_published_lessons_and_keeps_members_only_private(
    client, db, login
):
    private = make_community(visibility="members")
    member = make_user()
    make_membership(member, private)
    make_lesson(title="Open lesson", sections={"learned": "Kiwi fruit."})
    make_lesson(title="Private lesson", community=private, sections={"learned": "Kiwi"})
    make_lesson(status="draft", title="Draft lesson", sections={"learned": "Kiwi"})
    counts = reindex_all()
    db.session.commit()
    assert counts["lesson"] == 2
    page = titles(client.get("/search?q=kiwi"))
    assert "Open lesson" in page and "Private lesson" not in page
    assert "Draft lesson" not in page
    login(member)
    assert "Private lesson" in titles(client.get("/search?q=kiwi"))
