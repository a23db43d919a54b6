"""Events, lessons, notifications, search, memberships and the caller."""

from sqlalchemy import select

from community.discussions.indexing import refresh_thread
from community.learnings.models import Lesson
from community.notifications.sending import notify
from tests.api.conftest import bearer, make_token
from tests.factories import make_event, make_lesson, make_user

LESSON = {
    "title": "Offline enrolment needs spare batteries",
    "summary": "Power was the bottleneck, not software.",
    "pilot_name": "Rural ID pilot",
    "countries": ["KE", "UG"],
    "sector": "identity",
    "stage": "pilot",
    "year": 2025,
    "authors": "Amina Otieno",
    "organisation": "Ministry of ICT",
    "dpg_tags": ["MOSIP"],
    "evidence_links": ["https://example.org/report"],
    "learned": "Bring **two** batteries per kit.",
}


def test_me_and_memberships(client, db, forum, as_user):
    headers = as_user(forum.moderator)
    me = client.get("/api/v1/me", headers=headers).json
    assert me["username"] == "jonas" and "email" not in me
    assert me["scopes"] == ["read", "write"]
    memberships = client.get("/api/v1/me/memberships", headers=headers).json
    assert [m["role"] for m in memberships["items"]] == ["moderator"]
    assert memberships["items"][0]["community"]["slug"] == "govstack"
    assert client.get("/api/v1/me/memberships").status_code == 401


def test_events_occurrences_and_rsvp(client, db, forum, as_user):
    event = make_event(
        forum.community, forum.moderator, capacity=1, timezone="Africa/Nairobi"
    )
    listed = client.get("/api/v1/events?community=govstack").json["items"]
    assert [item["id"] for item in listed] == [event.id]
    shown = client.get(f"/api/v1/events/{event.id}").json
    assert shown["timezone"] == "Africa/Nairobi" and shown["start_at"].endswith(
        "+00:00"
    )
    occurrences = client.get(f"/api/v1/events/{event.id}/occurrences").json
    assert len(occurrences) == 1
    member, asker = as_user(forum.member), as_user(forum.asker)
    url = f"/api/v1/events/{event.id}/rsvp"
    going = client.put(url, json={"answer": "going"}, headers=member)
    assert going.status_code == 200 and going.json["status"] == "going"
    full = client.put(url, json={"answer": "going"}, headers=asker)
    assert full.json["status"] == "waitlisted"
    assert client.get(url, headers=asker).json["status"] == "waitlisted"
    client.put(url, json={"answer": "not_going"}, headers=member)
    assert client.get(url, headers=asker).json["status"] == "going"  # promoted
    mine = client.get("/api/v1/me/rsvps", headers=asker).json["items"]
    assert [rsvp["event_id"] for rsvp in mine] == [event.id]
    bad = client.put(url, json={"answer": "perhaps"}, headers=member)
    assert bad.status_code == 422
    # Since issue 17 an answer is per date: "maybe" counts, a wrong date is 404.
    maybe = client.put(url, json={"answer": "maybe"}, headers=member)
    assert maybe.status_code == 200 and maybe.json["status"] == "maybe"
    wrong = client.put(
        url, json={"answer": "going", "date": "20300101T000000Z"}, headers=member
    )
    assert wrong.status_code == 404


def test_draft_edit_and_submit_a_lesson(client, db, forum, as_user):
    headers = as_user(forum.asker)
    created = client.post("/api/v1/lessons", json=LESSON, headers=headers)
    assert created.status_code == 201, created.json
    lesson = created.json
    assert lesson["status"] == "draft" and lesson["published"] is None
    assert lesson["draft"]["countries"] == ["KE", "UG"]
    url = f"/api/v1/lessons/{lesson['slug']}"
    assert client.get(url).status_code == 404  # a draft: its author and editors
    assert client.get(url, headers=as_user(forum.member)).status_code == 404
    etag = client.get(url, headers=headers).headers["ETag"]
    edited = client.patch(
        url,
        json={**LESSON, "summary": "Power, not software."},
        headers={**headers, "If-Match": etag},
    )
    assert edited.status_code == 200
    assert edited.json["draft"]["summary"] == "Power, not software."
    submitted = client.post(f"{url}/submit", headers=headers)
    assert submitted.status_code == 200 and submitted.json["status"] == "in_review"
    again = client.post(f"{url}/submit", headers=headers)
    assert again.status_code == 409
    mine = client.get("/api/v1/me/lessons", headers=headers).json["items"]
    assert [item["slug"] for item in mine] == [lesson["slug"]]


def test_lesson_form_rules_apply(client, db, forum, as_user):
    headers = as_user(forum.asker)
    wrong = {**LESSON, "countries": ["ZZ"], "year": 1800, "summary": "x" * 301}
    response = client.post("/api/v1/lessons", json=wrong, headers=headers)
    assert response.status_code == 422
    pointers = {error["pointer"] for error in response.json["errors"]}
    assert {"#/countries", "#/year", "#/summary"} <= pointers
    assert db.session.scalar(select(Lesson)) is None


def test_published_lessons_list_and_show(client, db):
    lesson = make_lesson(title="Data exchange needs contracts")
    make_lesson(status="draft")
    items = client.get("/api/v1/lessons").json["items"]
    assert [item["slug"] for item in items] == [lesson.slug]
    shown = client.get(f"/api/v1/lessons/{lesson.slug}").json
    assert shown["published"]["title"] == "Data exchange needs contracts"
    assert shown["draft"] is None
    filtered = client.get("/api/v1/lessons?sector=health").json["items"]
    assert filtered == []


def test_notifications_list_and_mark_read(client, db, forum, as_user):
    for number in range(3):
        notify(forum.member, "reply", f"Message {number}", "/c/govstack")
    notify(forum.asker, "reply", "Not yours", "/c/govstack")
    db.session.commit()
    headers = as_user(forum.member)
    items = client.get("/api/v1/me/notifications", headers=headers).json["items"]
    assert [item["message"] for item in items] == [
        "Message 2",
        "Message 1",
        "Message 0",
    ]
    one = client.post(
        "/api/v1/me/notifications/read", json={"id": items[0]["id"]}, headers=headers
    )
    assert one.json["count"] == 1
    rest = client.post("/api/v1/me/notifications/read", json={}, headers=headers)
    assert rest.json["count"] == 2
    assert client.get("/api/v1/me", headers=headers).json["unread_notifications"] == 0


def test_search(client, db, forum):
    refresh_thread(forum.thread)  # the factory skips indexing; publishing does it
    db.session.commit()
    response = client.get("/api/v1/search?q=births")
    assert response.status_code == 200
    titles = [item["title"] for item in response.json["items"]]
    assert titles == ["How do you register births offline?"]
    assert response.json["items"][0]["kind"] == "thread"
    assert client.get("/api/v1/search?q=").status_code == 422
    assert client.get('/api/v1/search?q="unclosed').status_code in (200, 400)


def test_unknown_user_fields_never_leak_email(client, db, forum):
    make_user()
    body = client.get(f"/api/v1/threads/{forum.thread.id}").get_data(as_text=True)
    assert "@example.org" not in body


def test_people_carry_their_languages_and_expertise(client, db, forum, login):
    """The profile fields of session 4, saved through the settings form, are in
    the caller's own record and in every author record, as lists, documented."""
    from tests.auth.test_settings import profile_form
    from tests.factories import make_reply

    headers = bearer(make_token(forum.member))
    login(forum.member)
    data = profile_form(
        spoken_languages="English, Kiswahili", expertise="digital identity, , payments"
    )
    assert client.post("/auth/settings", data=data).status_code == 302
    me = client.get("/api/v1/me", headers=headers).json
    assert me["languages"] == ["English", "Kiswahili"]
    assert me["expertise"] == ["digital identity", "payments"]
    make_reply(forum.thread, forum.member, "An answer with a profile behind it")
    client.post("/auth/logout")
    posts = client.get(f"/api/v1/threads/{forum.thread.id}/posts").json["items"]
    authors = {post["author"]["username"]: post["author"] for post in posts}
    assert authors[forum.member.username]["languages"] == ["English", "Kiswahili"]
    assert authors[forum.member.username]["expertise"][-1] == "payments"
    assert authors[forum.asker.username]["languages"] == []  # not given
    spec = client.get("/api/v1/openapi.json").json["components"]["schemas"]
    for name in ("Me", "Person"):
        for field in ("languages", "expertise"):
            described = spec[name]["properties"][field]
            assert described["type"] == "array" and described["description"]
            assert field in spec[name]["required"]
