"""The member directory: filters, pages, and who may read it."""

from tests.factories import make_community, make_membership, make_user


def people_in(community, *specs):
    for kind, country in specs:
        make_membership(make_user(kind=kind, country=country), community)


def test_filter_by_kind_and_country(client, db):
    community = make_community()
    make_membership(
        make_user(display_name="Amina", kind="government", country="KE"), community
    )
    make_membership(
        make_user(display_name="Ravi", kind="government", country="IN"), community
    )
    make_membership(
        make_user(display_name="Kwame", kind="vendor", country="GH"), community
    )
    url = f"/c/{community.slug}/members"
    everyone = client.get(url)
    assert everyone.status_code == 200
    assert all(name in everyone.data for name in (b"Amina", b"Ravi", b"Kwame"))
    government = client.get(url, query_string={"kind": "government"})
    assert b"Amina" in government.data and b"Ravi" in government.data
    assert b"Kwame" not in government.data
    kenya = client.get(url, query_string={"kind": "government", "country": "KE"})
    assert b"Amina" in kenya.data and b"Ravi" not in kenya.data
    assert b"1 member matches" in kenya.data
    # Countries offered are the members' own.
    assert b'<option value="GH">Ghana</option>' in everyone.data
    assert b'value="FR"' not in everyone.data


def test_a_known_country_without_members_lists_nobody(client, db):
    community = make_community()
    people_in(community, ("government", "KE"))
    response = client.get(f"/c/{community.slug}/members?country=FR")
    assert response.status_code == 200
    assert b"Nobody matches" in response.data


def test_bad_filters_get_a_message_and_everyone_is_listed(client, db):
    community = make_community()
    make_membership(make_user(display_name="Amina", kind="government"), community)
    response = client.get(f"/c/{community.slug}/members?kind=wizard&country=XX")
    assert response.status_code == 400
    assert b"Choose one of the options offered" in response.data
    assert b"Amina" in response.data


def test_only_active_members_are_listed_moderators_first(client, db):
    community = make_community()
    make_membership(make_user(display_name="Aaron Member"), community)
    make_membership(
        make_user(display_name="Zoe Moderator"), community, role="moderator"
    )
    make_membership(make_user(display_name="Pending Pat"), community, status="pending")
    make_membership(make_user(display_name="Banned Bo"), community, status="banned")
    page = client.get(f"/c/{community.slug}/members").data
    assert page.index(b"Zoe Moderator") < page.index(b"Aaron Member")
    assert b"Pending Pat" not in page and b"Banned Bo" not in page


def test_pages_and_a_constant_number_of_queries(client, db, count_queries):
    community = make_community()
    people_in(community, *[("vendor", "GH")] * 3)
    with count_queries() as small:
        client.get(f"/c/{community.slug}/members")
    people_in(community, *[("government", "KE")] * 40)
    with count_queries() as large:
        first = client.get(f"/c/{community.slug}/members")
    assert large.count == small.count
    assert b"Page 1 of 2" in first.data and b'rel="next"' in first.data
    second = client.get(f"/c/{community.slug}/members?page=2")
    assert second.data.count(b"<tr>") == 43 - 30 + 1  # rows plus the header
    clamped = client.get(f"/c/{community.slug}/members?page=abc")
    assert clamped.status_code == 200 and b"Page 1 of 2" in clamped.data


def test_members_only_directory_is_for_members(client, db, login):
    community = make_community(visibility="members", join_policy="approval")
    member = make_user(display_name="Secret Sam")
    make_membership(member, community)
    anonymous = client.get(f"/c/{community.slug}/members")
    assert anonymous.status_code == 403
    assert b"Secret Sam" not in anonymous.data and b"for members only" in anonymous.data
    login(make_user())
    assert client.get(f"/c/{community.slug}/members").status_code == 403
    login(member)
    assert b"Secret Sam" in client.get(f"/c/{community.slug}/members").data
    login(make_user(site_role="moderator"))
    assert client.get(f"/c/{community.slug}/members").status_code == 200


def test_role_controls_only_for_those_who_manage_roles(client, db, login):
    community = make_community()
    member = make_user()
    make_membership(member, community)
    login(member)
    assert b"Set role" not in client.get(f"/c/{community.slug}/members").data
    moderator = make_user()
    make_membership(moderator, community, role="moderator")
    login(moderator)
    assert b"Set role" in client.get(f"/c/{community.slug}/members").data
