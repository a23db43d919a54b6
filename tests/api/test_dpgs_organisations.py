"""/api/v1/dpgs and /api/v1/organisations: filtered, paged lists and details
whose linked content is what the caller may read."""

from community.organisations.models import OrganisationDpg
from tests.api.conftest import bearer, make_token
from tests.dpgs.test_catalogue import make_activity
from tests.factories import (
    link_dpg,
    make_community,
    make_dpg,
    make_event,
    make_lesson,
    make_membership,
    make_thread,
    make_user,
)
from tests.organisations.factories import make_affiliation, make_organisation


def test_the_catalogue_filters_and_pages(client, db):
    make_dpg(name="Health Kit", deployed=["KE", "TZ"], facts={"sdg": ["3", "5"]})
    make_dpg(name="Ledger", deployed=["KE"], facts={"sector": ["Finance"]})
    make_dpg(name="School Books", deployed=[], facts={"stage": "Nominee"})
    first = client.get("/api/v1/dpgs?limit=2").json
    assert [item["name"] for item in first["items"]] == ["Health Kit", "Ledger"]
    assert first["items"][0]["deployed_in"] == ["KE", "TZ"]
    assert first["items"][0]["sdgs"] == ["3", "5"]
    rest = client.get(first["next"]).json
    assert [item["name"] for item in rest["items"]] == ["School Books"]
    assert rest["next"] is None
    for query, names in {
        "country=TZ": ["Health Kit"],
        "sector=Finance": ["Ledger"],
        "sdg=5": ["Health Kit"],
        "stage=Nominee": ["School Books"],
        "q=led": ["Ledger"],
        "country=FR": [],
    }.items():
        items = client.get(f"/api/v1/dpgs?{query}").json["items"]
        assert [item["name"] for item in items] == names, query
    assert client.get("/api/v1/dpgs?country=Kenya").status_code == 422
    assert client.get("/api/v1/dpgs?cursor=nonsense").status_code == 400
    assert client.get("/api/v1/dpgs/nothing").status_code == 404


def test_a_dpg_shows_linked_content_only_to_those_who_may_read_it(client, db):
    good = make_dpg(name="Health Kit", deployed=["KE"])
    open_community = make_community(slug="open")
    secret = make_community(slug="secret", visibility="members")
    member = make_user()
    make_membership(member, secret)
    link_dpg(make_lesson(title="Open lesson"), good)
    link_dpg(make_lesson(title="Secret lesson", community=secret), good)
    link_dpg(make_thread(open_community, member, title="Open thread"), good)
    link_dpg(make_thread(secret, member, title="Secret thread"), good)
    link_dpg(make_event(open_community, member, title="Open event"), good)
    link_dpg(make_event(secret, member, title="Secret event"), good)
    make_activity("Map health deployments", good)
    organisation = make_organisation(name="Health Ministry")
    db.session.add(
        OrganisationDpg(
            organisation_id=organisation.id, dpg_id=good.id, relation="owns"
        )
    )
    db.session.commit()
    for headers in ({}, bearer(make_token(make_user(), ("read",)))):
        body = client.get("/api/v1/dpgs/health-kit", headers=headers).json
        text = str(body)
        assert "Secret" not in text and "secret" not in text
        assert [lesson["title"] for lesson in body["lessons"]] == ["Open lesson"]
        assert [thread["title"] for thread in body["threads"]] == ["Open thread"]
        assert [event["title"] for event in body["upcoming_events"]] == ["Open event"]
        assert [c["slug"] for c in body["communities"]] == ["open"]
    assert body["roadmap_activities"][0]["url"] == "/roadmap/map-health-deployments"
    assert body["hub_organisations"] == [
        {
            "slug": organisation.slug,
            "name": "Health Ministry",
            "relation": "owns",
            "url": f"/organisations/{organisation.slug}",
        }
    ]
    body = client.get(
        "/api/v1/dpgs/health-kit", headers=bearer(make_token(member, ("read",)))
    ).json
    assert "Secret lesson" in str(body) and "Secret thread" in str(body)
    assert "Secret event" in str(body)


def test_organisations_filter_page_and_keep_members_only_content_in(client, db):
    good = make_dpg(name="Health Kit", deployed=["KE"])
    ministry = make_organisation(name="Ministry of Health", kind="government")
    make_organisation(name="Open Vendor", kind="vendor")
    db.session.add(
        OrganisationDpg(
            organisation_id=ministry.id, dpg_id=good.id, relation="implements"
        )
    )
    db.session.commit()
    names = lambda query: [  # noqa: E731
        item["name"]
        for item in client.get(f"/api/v1/organisations{query}").json["items"]
    ]
    assert names("") == ["Ministry of Health", "Open Vendor"]
    assert names("?kind=government") == ["Ministry of Health"]
    assert names("?dpg=health-kit") == ["Ministry of Health"]
    assert names("?q=vendor") == ["Open Vendor"]
    assert names("?member=true") == []
    assert client.get("/api/v1/organisations?kind=evil").status_code == 422
    assert client.get("/api/v1/organisations/nothing").status_code == 404
    secret = make_community(slug="secret", visibility="members")
    worker = make_user()
    make_membership(worker, secret)
    make_affiliation(worker, ministry)
    make_lesson(author=worker, title="Secret lesson", community=secret)
    make_event(secret, worker, title="Secret event")
    make_lesson(author=worker, title="Open lesson")
    for headers in ({}, bearer(make_token(make_user(), ("read",)))):
        body = client.get(
            f"/api/v1/organisations/{ministry.slug}", headers=headers
        ).json
        assert body["dpgs"][0]["relation"] == "implements"
        assert [lesson["title"] for lesson in body["lessons"]] == ["Open lesson"]
        assert "Secret" not in str(body) and body["communities"] == []
    body = client.get(
        f"/api/v1/organisations/{ministry.slug}",
        headers=bearer(make_token(worker, ("read",))),
    ).json
    assert "Secret lesson" in str(body) and "Secret event" in str(body)
    assert [c["slug"] for c in body["communities"]] == ["secret"]
