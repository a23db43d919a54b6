"""Every organisations page renders for a visitor and for staff."""

from tests.factories import make_user
from tests.organisations.factories import make_organisation


def test_pages_render(client, db, login, staff):
    organisation = make_organisation(kind="government", country_code="KE")
    for url in (
        "/organisations/",
        f"/organisations/{organisation.slug}",
        "/roadmap",
        "/join-the-effort",
    ):
        assert client.get(url).status_code == 200, url
    login(staff)
    for url in (
        "/organisations/new",
        f"/organisations/{organisation.slug}/edit",
        "/roadmap/new",
        "/join-the-effort/review",
        "/join-the-effort/applications",
    ):
        assert client.get(url).status_code == 200, url
    login(make_user())
    assert client.get("/join-the-effort").status_code == 200
