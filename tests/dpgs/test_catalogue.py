"""/dpgs/ and /dpgs/<slug>: filters, sorts, the registry facts, linked content."""

import pytest

from tests.factories import (
    link_dpg,
    make_community,
    make_dpg,
    make_event,
    make_lesson,
    make_thread,
    make_user,
)


@pytest.fixture
def goods(db):
    health = make_dpg(
        name="Health Kit",
        deployed=["KE", "TZ", "UG"],
        facts={"sdg": ["3", "5"], "licence": ["BSD-3-Clause"]},
    )
    ledger = make_dpg(
        name="Ledger",
        deployed=["KE"],
        facts={"sector": ["Economics/Finance"], "sdg": ["8"], "stage": "Nominee"},
    )
    school = make_dpg(name="School Books", deployed=[], facts={"sector": ["Education"]})
    return health, ledger, school


def names_in(page: str, *names: str) -> list[str]:
    return sorted((page.index(name), name) for name in names if name in page)


def test_filters_each_narrow_the_list(client, goods):
    cases = {
        "sector=Health": ["Health Kit"],
        "sdg=8": ["Ledger"],
        "licence=BSD-3-Clause": ["Health Kit"],
        "country=TZ": ["Health Kit"],
        "country=ke": ["Health Kit", "Ledger"],
        "stage=Nominee": ["Ledger"],
        "q=book": ["School Books"],
    }
    for args, expected in cases.items():
        page = client.get(f"/dpgs/?{args}").get_data(as_text=True)
        found = [
            n for n in ("Health Kit", "Ledger", "School Books") if f">{n}<" in page
        ]
        assert found == expected, args


def test_hostile_and_unknown_filters_answer_200_with_nothing(client, goods):
    for args in (
        "sector=%27%3B--",
        "sdg=99",
        "country=ZZZ",
        "sort=evil",
        "q=" + "x" * 5000,
    ):
        response = client.get(f"/dpgs/?{args}")
        assert response.status_code == 200, args


def test_sorts_by_name_deployments_and_the_viewers_lessons(client, goods):
    health, ledger, school = goods
    lesson = make_lesson()
    link_dpg(lesson, school)
    by_name = client.get("/dpgs/").get_data(as_text=True)
    assert [
        n for _i, n in names_in(by_name, ">Health Kit<", ">Ledger<", ">School Books<")
    ] == [">Health Kit<", ">Ledger<", ">School Books<"]
    deployments = client.get("/dpgs/?sort=deployments").get_data(as_text=True)
    assert deployments.index(">Health Kit<") < deployments.index(">Ledger<")
    lessons = client.get("/dpgs/?sort=lessons").get_data(as_text=True)
    assert lessons.index(">School Books<") < lessons.index(">Health Kit<")
    assert "1 lesson" in lessons


def test_the_page_shows_registry_facts_escaped_and_countries_linked(client, goods):
    health, *_ = goods
    health.description = "<script>alert(1)</script> Health records"
    from community.extensions import db

    db.session.commit()
    page = client.get("/dpgs/health-kit").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Health records" in page
    assert "<script>alert" not in page
    assert 'href="/countries/ke"' in page and "Kenya" in page
    assert "Good Foundation (owner)" in page
    assert 'href="/map?dpg=health-kit"' in page
    assert "BSD-3-Clause" in page and "SDG 5" in page


def test_the_page_lists_linked_lessons_threads_events_and_communities(client, goods):
    health, *_ = goods
    community = make_community(name="Health Peers")
    author = make_user()
    lesson = make_lesson(title="What the health pilot taught")
    thread = make_thread(community, author, title="Scaling the health kit")
    event = make_event(community, author, title="Health kit clinic")
    for item in (lesson, thread, event):
        link_dpg(item, health)
    page = client.get("/dpgs/health-kit").get_data(as_text=True)
    for text in (
        "What the health pilot taught",
        "Scaling the health kit",
        "Health kit clinic",
        "Health Peers",
    ):
        assert text in page, text
    assert f"/c/{community.slug}/new?dpg=health-kit" in page


def test_members_only_content_linked_to_a_dpg_stays_with_members(
    client, db, goods, login
):
    from tests.factories import make_membership

    health, *_ = goods
    secret = make_community(slug="peers", visibility="members")
    member = make_user()
    make_membership(member, secret)
    link_dpg(make_lesson(title="Secret lesson", community=secret), health)
    link_dpg(make_thread(secret, member, title="Secret thread"), health)
    link_dpg(make_event(secret, member, title="Secret event"), health)
    urls = [
        "/dpgs/health-kit",
        "/dpgs/?sort=lessons",
        "/countries/ke",
        "/map?measure=lessons",
    ]
    for viewer in (None, make_user()):
        if viewer:
            login(viewer)
        for url in urls:
            page = client.get(url).get_data(as_text=True)
            for secret_text in (
                "Secret lesson",
                "Secret thread",
                "Secret event",
                "Peers",
            ):
                assert secret_text not in page, (url, secret_text)
        listing = client.get("/dpgs/").get_data(as_text=True)
        assert "0 lessons" in listing and "1 lesson<" not in listing
    login(member)
    page = client.get("/dpgs/health-kit").get_data(as_text=True)
    for text in ("Secret lesson", "Secret thread", "Secret event"):
        assert text in page


def test_pages_answer_in_at_most_ten_statements(client, goods, count_queries, login):
    health, *_ = goods
    community = make_community()
    author = make_user(country="KE")
    for number in range(5):
        link_dpg(make_lesson(title=f"Lesson {number}", community=community), health)
        link_dpg(make_thread(community, author), health)
        link_dpg(make_event(community, author), health)
        make_activity(f"Roadmap item {number}", health)
    login(author)
    for url in (
        "/dpgs/health-kit",
        "/dpgs/",
        "/countries/ke",
        "/countries/",
        "/map",
        "/map?dpg=health-kit&measure=lessons",
    ):
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        assert counter.count <= 10, (url, counter.count, counter.statements)


def test_unknown_dpg_and_country_are_404(client, goods):
    for url in (
        "/dpgs/nothing",
        "/countries/zz",
        "/countries/kenya",
        "/dpgs/" + "x" * 500,
    ):
        assert client.get(url).status_code == 404, url


def test_profiles_and_lessons_link_their_countries(client, db):
    person = make_user(country="KE")
    lesson = make_lesson(countries=["UG"], dpgs=[])
    profile = client.get(f"/u/{person.username}").get_data(as_text=True)
    assert 'href="/countries/ke">Kenya</a>' in profile
    page = client.get(f"/learnings/{lesson.slug}").get_data(as_text=True)
    assert 'href="/countries/ug">Uganda</a>' in page
    country = client.get("/countries/ke").get_data(as_text=True)
    assert f'href="/u/{person.username}"' in country


def make_activity(title, dpg, published=True):
    from community.extensions import db
    from community.organisations.roadmap_models import ActivityLink, RoadmapActivity

    activity = RoadmapActivity(
        slug=title.lower().replace(" ", "-"),
        objective="discoverable",
        title=title,
        is_published=published,
    )
    db.session.add(activity)
    db.session.flush()
    db.session.add(
        ActivityLink(activity_id=activity.id, target_type="dpg", target_id=dpg.id)
    )
    db.session.commit()
    return activity


def test_the_page_lists_published_roadmap_activities_naming_it(
    client, goods, count_queries
):
    health, ledger, _ = goods
    make_activity("Map health deployments", health)
    make_activity("Draft health plan", health, published=False)
    make_activity("Ledger audit", ledger)
    with count_queries() as counter:
        page = client.get("/dpgs/health-kit").get_data(as_text=True)
    assert 'href="/roadmap/map-health-deployments"' in page
    assert "On the roadmap" in page
    assert "Draft health plan" not in page and "Ledger audit" not in page
    assert counter.count <= 10, counter.statements
    assert "On the roadmap" not in client.get("/dpgs/school-books").get_data(
        as_text=True
    )
