"""Issue 20: every list that can be empty says what to do, with a link."""

import html
import re

from tests.factories import make_community, make_membership, make_user


def empty_states(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    page = html.unescape(response.get_data(as_text=True))
    return re.findall(r'<p class="empty-state">(.*?)</p>', page, re.S)


def test_empty_event_lists_point_somewhere(client, db):
    assert 'href="/events/past"' in empty_states(client, "/events/")[0]
    assert 'href="/events/"' in empty_states(client, "/events/past")[0]
    (home_events, *_rest) = empty_states(client, "/")
    assert "No events scheduled yet." in home_events


def test_a_filtered_agenda_offers_every_event(client, db):
    make_community(slug="quiet")
    (state,) = empty_states(client, "/events/?community=quiet")
    assert "match these filters" in state and 'href="/events/"' in state


def test_an_empty_community_tells_each_person_what_to_do(client, db, login):
    community = make_community(slug="quiet", name="Quiet")
    visitor = empty_states(client, "/c/quiet")
    assert any("Log in, and join the community, to post here." in s for s in visitor)
    assert any('href="/events/"' in s for s in visitor)  # events elsewhere
    member = make_user()
    make_membership(member, community)
    login(member)
    states = empty_states(client, "/c/quiet")
    assert any('href="/c/quiet/new">Ask the first question' in s for s in states)
    organiser = make_user()
    make_membership(organiser, community, role="organiser")
    login(organiser)
    states = empty_states(client, "/c/quiet")
    assert any("Schedule the first one" in s for s in states)


def test_no_matching_members_or_threads_offers_the_whole_list(client, db, login):
    community = make_community(slug="quiet")
    member = make_user()
    make_membership(member, community)
    login(member)
    (members,) = empty_states(client, "/c/quiet/members?kind=funder")
    assert 'href="/c/quiet/members">Show everyone' in members
    states = empty_states(client, "/c/quiet?filter=unanswered")
    assert any('href="/c/quiet">Show every thread' in s for s in states)
