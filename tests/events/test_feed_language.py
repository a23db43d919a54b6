"""A calendar feed's ETag names its language (issue 15): the feed's NAME and the
event descriptions are translated, so a copy in one language is not current in
another, and shared caches keep one copy per language."""

import pytest

from tests.factories import make_community, make_event


@pytest.mark.parametrize("url", ["/calendar.ics", "/c/forum-feed/events.ics"])
def test_a_304_in_one_language_is_not_served_for_another(client, db, url):
    community = make_community(slug="forum-feed")
    make_event(community, title="Forum", online_url="https://meet.example.org/f")
    english = client.get(url, headers={"Accept-Language": "en"})
    assert english.status_code == 200
    assert "Online: https://meet.example.org/f" in english.get_data(as_text=True)
    again = client.get(
        url, headers={"Accept-Language": "en", "If-None-Match": english.headers["ETag"]}
    )
    assert again.status_code == 304
    french = client.get(
        url, headers={"Accept-Language": "fr", "If-None-Match": english.headers["ETag"]}
    )
    assert french.status_code == 200
    assert french.headers["ETag"] != english.headers["ETag"]


def test_the_lang_link_and_cookie_also_choose_a_new_version(client, db):
    make_event(make_community(slug="cookie-feed"), title="Forum")
    url = "/c/cookie-feed/events.ics"
    english = client.get(url)
    tag = english.headers["ETag"]
    by_link = client.get(f"{url}?lang=pt", headers={"If-None-Match": tag})
    assert by_link.status_code == 200 and by_link.headers["ETag"] != tag
    # The link set the cookie: the plain URL now answers in Portuguese too.
    by_cookie = client.get(url, headers={"If-None-Match": tag})
    assert by_cookie.status_code == 200
    assert by_cookie.headers["ETag"] == by_link.headers["ETag"]


def test_feeds_vary_by_language(client, db):
    make_event(make_community(slug="vary-feed"), title="Forum")
    for url in ("/c/vary-feed/events.ics", "/learnings/feed.atom"):
        response = client.get(url)
        assert {"Accept-Language", "Cookie"} <= set(response.vary), url
