"""Browsing the library: facets against a known data set, query, sort, pages."""

import html
import re
from datetime import timedelta

import pytest

from community.timezones import utcnow
from tests.factories import make_community, make_lesson, make_membership, make_user

FACET_SECTION = re.compile(r'<h3 id="facet-(\w+)">.*?</h3>(.*?)</section>', re.DOTALL)
FACET_ITEM = re.compile(
    r'<a href="[^"]*"[^>]*>(?:<span aria-hidden="true">✓ </span>'
    r'<span class="visually-hidden">Remove filter: </span>)?([^<]+)</a> '
    r'<span class="muted">\((\d+)\)</span>'
)


def facets_of(page: str) -> dict[str, dict[str, int]]:
    return {
        name: {
            html.unescape(label): int(count)
            for label, count in FACET_ITEM.findall(body)
        }
        for name, body in FACET_SECTION.findall(page)
    }


def titles_of(page: str) -> list[str]:
    return re.findall(r'<h3><a href="/learnings/[^"]+">([^<]+)</a>', page)


@pytest.fixture
def library(db):
    """Five published lessons, plus ones that must never be counted."""
    author = make_user()
    start = utcnow() - timedelta(days=10)
    rows = [
        (
            "Identity in two countries",
            ["KE", "UG"],
            "identity",
            ["MOSIP"],
            "pilot",
            2023,
        ),
        ("Health data", ["KE"], "health", ["DHIS2"], "scaling", 2024),
        (
            "Registry exchange",
            ["EE"],
            "data-exchange",
            ["X-Road"],
            "national-rollout",
            2022,
        ),
        ("Instant payments", ["BR"], "payments", ["Mojaloop", "MOSIP"], "pilot", 2024),
        (
            "Births on time",
            ["PH"],
            "civil-registration",
            ["OpenCRVS", "MOSIP"],
            "pilot",
            2024,
        ),
    ]
    lessons = {}
    for day, (title, codes, sector, dpgs, stage, year) in enumerate(rows):
        lessons[title] = make_lesson(
            author,
            title=title,
            countries=codes,
            sector=sector,
            dpgs=dpgs,
            stage=stage,
            year=year,
            summary=f"About {title.lower()} and the registry behind it."
            if title == "Births on time"
            else f"About {title.lower()}.",
            published_at=start + timedelta(days=day),
        )
    make_lesson(author, status="draft", title="Draft only", countries=["KE"])
    make_lesson(author, status="in_review", title="Under review", countries=["KE"])
    make_lesson(author, status="archived", title="Old archive", countries=["KE"])
    private = make_community(visibility="members")
    insider = make_user()
    make_membership(insider, private)
    make_lesson(author, community=private, title="Members only", countries=["KE"])
    return {"lessons": lessons, "insider": insider, "private": private}


def test_facet_counts_of_the_known_data_set(client, library):
    page = client.get("/learnings/").data.decode()
    assert facets_of(page) == {
        "region": {
            "Africa": 2,
            "Asia-Pacific": 1,
            "Europe": 1,
            "Latin America & Caribbean": 1,
        },
        "country": {
            "Kenya": 2,
            "Brazil": 1,
            "Estonia": 1,
            "Philippines": 1,
            "Uganda": 1,
        },
        "sector": {
            "Identity": 1,
            "Payments": 1,
            "Data exchange": 1,
            "Civil registration": 1,
            "Health": 1,
        },
        "dpg": {"MOSIP": 3, "DHIS2": 1, "Mojaloop": 1, "OpenCRVS": 1, "X-Road": 1},
        "stage": {"Pilot": 3, "Scaling": 1, "National rollout": 1},
        "year": {"2024": 3, "2023": 1, "2022": 1},
    }
    assert "5 lessons" in page
    for hidden in ("Draft only", "Under review", "Old archive", "Members only"):
        assert hidden not in page


def test_and_across_facets_or_within_one(client, library):
    page = client.get("/learnings/?dpg=MOSIP").data.decode()
    assert sorted(titles_of(page)) == [
        "Births on time",
        "Identity in two countries",
        "Instant payments",
    ]
    counts = facets_of(page)
    assert (
        counts["dpg"]["MOSIP"] == 3 and counts["dpg"]["DHIS2"] == 1
    )  # own filter skipped
    assert counts["region"] == {
        "Africa": 1,
        "Asia-Pacific": 1,
        "Latin America & Caribbean": 1,
    }
    assert counts["year"] == {"2024": 2, "2023": 1}

    page = client.get("/learnings/?dpg=MOSIP&dpg=DHIS2").data.decode()
    assert len(titles_of(page)) == 4

    page = client.get("/learnings/?dpg=MOSIP&region=Africa").data.decode()
    assert titles_of(page) == ["Identity in two countries"]
    counts = facets_of(page)
    assert counts["dpg"] == {"MOSIP": 1, "DHIS2": 1}
    assert counts["region"] == {
        "Africa": 1,
        "Asia-Pacific": 1,
        "Latin America & Caribbean": 1,
    }
    assert 'aria-current="true"' in page

    page = client.get("/learnings/?country=KE&year=2024&stage=scaling").data.decode()
    assert titles_of(page) == ["Health data"]


def test_facet_links_hold_the_whole_state(client, library):
    page = client.get("/learnings/?q=about&sort=relevance&sector=health").data.decode()
    assert (
        'href="/learnings/?sector=health&amp;q=about&amp;sort=relevance&amp;year=2024"'
        in page
    )
    # The selected value's link removes it and keeps the rest.
    assert 'href="/learnings/?q=about&amp;sort=relevance"' in page


def test_unknown_filter_values_are_ignored(client, library):
    response = client.get("/learnings/?country=ZZ&sector=mining&year=abc&sort=evil")
    assert response.status_code == 200
    assert len(titles_of(response.data.decode())) == 5


def test_text_query_and_sorting(client, library):
    page = client.get("/learnings/?q=registry").data.decode()
    assert titles_of(page) == ["Births on time", "Registry exchange"]  # newest first
    page = client.get("/learnings/?q=registry&sort=relevance").data.decode()
    assert titles_of(page) == ["Registry exchange", "Births on time"]  # title hit first
    older = client.get("/learnings/?q=registry&sort=relevant").data.decode()
    assert titles_of(older) == titles_of(page)  # the old name of the sort, kept
    assert titles_of(client.get("/learnings/?q=100%25").data.decode()) == []
    page = client.get("/learnings/?q=HEALTH+data").data.decode()
    assert titles_of(page) == ["Health data"]


def test_members_see_members_only_lessons_in_list_and_counts(client, login, library):
    login(library["insider"])
    page = client.get("/learnings/").data.decode()
    assert "Members only" in page and "6 lessons" in page
    assert facets_of(page)["country"]["Kenya"] == 3


def test_pagination_keeps_the_filters(client, db):
    author = make_user()
    for number in range(23):
        make_lesson(author, title=f"Lesson number {number}", sector="health")
    page = client.get("/learnings/?sector=health").data.decode()
    assert len(titles_of(page)) == 20 and "Page 1 of 2" in page
    assert 'href="/learnings/?sector=health&amp;page=2"' in page
    page = client.get("/learnings/?sector=health&page=2").data.decode()
    assert len(titles_of(page)) == 3


def add_lessons(count: int, author, offset: int) -> None:
    codes = ["KE", "UG", "EE", "BR", "PH", "IN", "JO", "CA"]
    for number in range(count):
        make_lesson(
            author,
            title=f"Scaled {offset + number}",
            countries=[codes[number % 8], codes[(number + 3) % 8]],
            dpgs=["MOSIP", f"DPG {number % 5}"],
            year=2020 + number % 5,
        )


def test_query_count_does_not_grow_with_the_data(client, db, login, count_queries):
    author = make_user()
    login(author)
    add_lessons(3, author, 0)
    with count_queries() as small:
        assert client.get("/learnings/?dpg=MOSIP").status_code == 200
    add_lessons(17, author, 100)
    with count_queries() as large:
        page = client.get("/learnings/?dpg=MOSIP").data.decode()
    assert "20 lessons" in page
    assert small.count == large.count
    assert large.count <= 16, large.count


def test_related_lessons_best_match_first(client, library):
    lesson = library["lessons"]["Identity in two countries"]
    page = client.get(f"/learnings/{lesson.slug}").data.decode()
    related = page.split('id="related-heading"')[1]
    found = re.findall(r'<a href="/learnings/[^"]+">([^<]+)</a>', related)
    # Two share MOSIP (newest first), one shares Kenya; Estonia shares nothing.
    assert found == ["Births on time", "Instant payments", "Health data"]
    assert "Members only" not in related


def test_lesson_page_shows_fields_citation_and_discuss_link(client, db):
    community = make_community(slug="govstack", name="GovStack")
    lesson = make_lesson(
        title="Consent screens",
        authors="Amina Njoroge",
        organisation="Ministry of ICT",
        year=2025,
        community=community,
        evidence_links="https://example.org/report",
        countries=["KE"],
    )
    page = client.get(f"/learnings/{lesson.slug}").data.decode()
    assert ">Kenya</a> (Africa)" in page and "MOSIP" in page  # linked to its page
    assert "Amina Njoroge (Ministry of ICT). 2025. “Consent screens”." in page
    assert "Version 1. CC BY 4.0." in page  # the licence the author left as it was
    assert f"http://localhost/learnings/{lesson.slug}/v/1. Accessed " in page
    assert 'href="https://example.org/report"' in page
    assert 'href="/c/govstack/new?title=Lesson' in page
    assert "Discuss this lesson in GovStack" in page


def test_home_and_community_sections(client, db, login):
    community = make_community(slug="govstack", name="GovStack")
    private = make_community(slug="peers", visibility="members")
    make_lesson(title="Public lesson", community=community)
    make_lesson(title="Private lesson", community=private)
    make_lesson(title="Unfinished", community=community, status="draft")
    home = client.get("/").data.decode()
    assert "Newest lessons" in home and "Public lesson" in home
    assert "Private lesson" not in home and "Unfinished" not in home
    page = client.get("/c/govstack").data.decode()
    assert "Recent lessons" in page and "Public lesson" in page
    assert "Unfinished" not in page
    assert "Lessons: 1" in client.get("/c/").data.decode()
    assert "Private lesson" not in client.get("/c/peers").data.decode()
    member = make_user()
    make_membership(member, private)
    login(member)
    assert "Private lesson" in client.get("/").data.decode()
    assert "Private lesson" in client.get("/c/peers").data.decode()


def test_dpg_values_match_whatever_their_case(client, library):
    page = client.get("/learnings/?dpg=mosip").data.decode()
    assert len(titles_of(page)) == 3
    assert facets_of(page)["dpg"]["MOSIP"] == 3
    assert "mosip" not in facets_of(page)["dpg"]
    assert 'aria-current="true" class="facet-selected"' in page
