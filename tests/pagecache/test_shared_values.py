"""Members' shared values (pagecache/shared.py), here the library's facet
counts: one copy per reading scope, renewed by every visible write."""

import re

from tests.factories import make_community, make_lesson, make_membership, make_user


def health_count(client, path="/learnings/") -> int:
    """The count shown beside the "Health" sector facet."""
    page = client.get(path).data.decode()
    found = re.search(r"Health\D*\((\d+)\)|Health</a>\s*<span[^>]*>(\d+)", page)
    assert found, "no Health facet on the page"
    return int(found.group(1) or found.group(2))


def test_members_of_other_communities_never_share_counts(client, db, login):
    private = make_community(visibility="members")
    insider, outsider = make_user(), make_user()
    make_membership(insider, private)
    make_membership(outsider, make_community())
    make_lesson(sector="health")
    make_lesson(insider, community=private, sector="health")
    login(insider)
    assert health_count(client) == 2
    login(outsider)
    assert health_count(client) == 1
    login(insider)
    assert health_count(client) == 2


def test_a_published_lesson_renews_members_counts(client, db, login):
    member = make_user()
    make_membership(member, make_community())
    make_lesson(sector="health")
    login(member)
    assert health_count(client) == 1
    draft = make_lesson(status="in_review", sector="health")
    login(make_user(is_editor=True))
    version = draft.working_version
    data = {"version_id": str(version.id), "content_digest": version.digest}
    assert client.post(f"/learnings/{draft.slug}/publish", data=data).status_code == 302
    login(member)
    assert health_count(client) == 2
