"""Members-only events and lessons through the API: 404 and absent from lists
for everyone who may not read them, as on the pages."""

from community.api.models import ApiToken  # noqa: F401 - tables registered
from tests.api.conftest import bearer, make_token
from tests.factories import (
    make_community,
    make_event,
    make_lesson,
    make_membership,
    make_user,
)


def test_members_only_events_and_lessons_do_not_leak(client, db):
    community = make_community(slug="peers", visibility="members")
    member, outsider = make_user(), make_user()
    make_membership(member, community)
    event = make_event(community, member, title="Closed-door workshop")
    lesson = make_lesson(community=community, title="Confidential pilot notes")
    urls = [
        f"/api/v1/events/{event.id}",
        f"/api/v1/events/{event.id}/occurrences",
        f"/api/v1/lessons/{lesson.slug}",
    ]
    lists = ["/api/v1/events", "/api/v1/events?community=peers", "/api/v1/lessons"]
    for headers in ({}, bearer(make_token(outsider))):
        for url in urls:
            assert client.get(url, headers=headers).status_code == 404, url
        for url in lists:
            text = client.get(url, headers=headers).text
            assert "Closed-door" not in text and "Confidential" not in text, url
        if headers:
            rsvp = client.put(
                f"/api/v1/events/{event.id}/rsvp",
                json={"answer": "going"},
                headers=headers,
            )
            assert rsvp.status_code == 404
    headers = bearer(make_token(member))
    for url in urls:
        assert client.get(url, headers=headers).status_code == 200, url
    assert "Closed-door" in client.get("/api/v1/events", headers=headers).text
