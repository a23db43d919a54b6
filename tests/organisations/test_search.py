"""Organisations are found by the site search, and edits reach the index."""

from tests.factories import make_user
from tests.organisations.factories import make_organisation


def test_organisations_are_searchable(client, db, login):
    organisation = make_organisation(
        name="Rwanda Information Society Authority", description="Runs **Irembo**."
    )
    page = client.get("/search?q=Irembo").data
    assert b"Rwanda Information Society Authority" in page
    assert client.get("/search?q=Irembo&kind=organisation").status_code == 200
    login(make_user(site_role="admin"))
    client.post(
        f"/organisations/{organisation.slug}/edit",
        data={"name": "RISA", "kind": "government", "country_code": "RW"},
    )
    assert b"RISA" in client.get("/search?q=RISA").data
