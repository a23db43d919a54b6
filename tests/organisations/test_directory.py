"""The directory's filters and search, organisation pages, editing and logos."""

import io

from PIL import Image
from sqlalchemy import select

from community.dpgs.models import Dpg
from community.organisations.models import OrganisationDpg, OrganisationLogo
from community.organisations.organising import link_dpg, link_registry_organisations
from tests.factories import make_user
from tests.organisations.factories import make_affiliation, make_organisation


def png(size=(600, 300), color=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG")
    return out.getvalue()


def test_filters_and_search(client, db):
    kenya = make_organisation(
        name="Kenya ICT Authority", kind="government", country_code="KE"
    )
    funder = make_organisation(name="Gates Test Foundation", kind="funder")
    dpg = Dpg(slug="mosip", name="MOSIP")
    db.session.add(dpg)
    db.session.flush()
    link_dpg(funder, dpg, "funds")
    kenya.roadmap_member_since = kenya.created_at
    db.session.commit()

    def names(query):
        return client.get("/organisations/" + query).data

    assert b"Kenya ICT" in names("?kind=government") and b"Gates" not in names(
        "?kind=government"
    )
    assert b"Kenya ICT" in names("?country=ke") and b"Gates" not in names("?country=KE")
    assert b"Gates" in names("?dpg=mosip") and b"Kenya ICT" not in names("?dpg=mosip")
    assert b"Kenya ICT" in names("?member=1") and b"Gates" not in names("?member=1")
    assert b"Gates" in names("?q=found") and b"Kenya ICT" not in names("?q=found")
    # Nonsense filters are ignored, never an error.
    for query in ("?kind=<script>", "?country=Z9Z", "?q=" + "%25" * 500, "?page=-1"):
        assert client.get("/organisations/" + query).status_code == 200
    assert client.get("/organisations/no-such-org").status_code == 404


def test_the_registry_hook_maps_owner_and_funder_names(db):
    existing = make_organisation(name="Digital Square")
    dpg = Dpg(
        slug="dhis2",
        name="DHIS2",
        organisations=[
            {"name": "digital square", "role": "funder"},
            {"name": "University of Oslo", "role": "owner", "website": "javascript:x"},
            {"name": "Someone", "role": "contact"},
        ],
    )
    db.session.add(dpg)
    db.session.flush()
    linked = link_registry_organisations(dpg)
    assert [o.name for o in linked] == ["Digital Square", "University of Oslo"]
    assert linked[0].id == existing.id and linked[1].website == ""
    assert link_registry_organisations(dpg)[1].id == linked[1].id  # idempotent


def test_staff_create_and_managers_edit_with_a_logo(client, db, login, staff):
    login(staff)
    response = client.post(
        "/organisations/new",
        data={"name": "New Org", "kind": "academic", "country_code": "", "website": ""},
    )
    assert response.status_code == 302
    organisation = db.session.scalar(select(OrganisationLogo.organisation_id)) is None
    slug = response.headers["Location"].rsplit("/", 1)[1]
    duplicate = client.post(
        "/organisations/new",
        data={"name": "new  org", "kind": "other", "country_code": ""},
    )
    assert duplicate.status_code == 400 and b"already listed" in duplicate.data
    manager = make_user()
    from community.organisations.permissions import get_organisation_or_404

    organisation = get_organisation_or_404(slug)
    make_affiliation(manager, organisation, role="manager")
    login(manager)
    edit = client.post(
        f"/organisations/{slug}/edit",
        data={
            "name": "New Org",
            "kind": "academic",
            "country_code": "GH",
            "description": "We **teach**.",
            "logo": (io.BytesIO(png()), "logo.png"),
        },
        content_type="multipart/form-data",
    )
    assert edit.status_code == 302
    logo = client.get(f"/organisations/{slug}/logo.png")
    assert logo.status_code == 200 and logo.mimetype == "image/png"
    stored = Image.open(io.BytesIO(logo.data))
    assert max(stored.size) <= 256 and stored.format == "PNG"
    again = client.get(
        f"/organisations/{slug}/logo.png",
        headers={"If-None-Match": logo.headers["ETag"]},
    )
    assert again.status_code == 304
    assert b"<strong>teach</strong>" in client.get(f"/organisations/{slug}").data


def test_bad_logos_are_refused_with_the_text_kept(client, db, login, staff):
    organisation = make_organisation()
    login(staff)
    url = f"/organisations/{organisation.slug}/edit"
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    for payload in (svg, b"GIF89a" + b"\x00" * 20, b"", png(size=(5000, 5000))):
        response = client.post(
            url,
            data={
                "name": "Kept name",
                "kind": "other",
                "country_code": "",
                "logo": (io.BytesIO(payload), "x.png"),
            },
            content_type="multipart/form-data",
        )
        if payload:
            assert response.status_code == 400, payload[:10]
            assert b"Kept name" in response.data
    assert db.session.get(OrganisationLogo, organisation.id) is None


def test_members_may_not_edit_or_create(client, db, login):
    organisation = make_organisation()
    login(make_user())
    assert client.get(f"/organisations/{organisation.slug}/edit").status_code == 403
    assert client.post("/organisations/new", data={"name": "X"}).status_code == 403


def test_managers_set_the_dpgs_their_organisation_owns_funds_implements(
    client, db, login, staff
):
    organisation = make_organisation(name="Digital Square")
    dpg = Dpg(slug="openimis", name="openIMIS")
    db.session.add(dpg)
    db.session.commit()
    login(staff)
    edit = client.get(f"/organisations/{organisation.slug}/edit")
    assert b"DPGs it funds" in edit.data
    data = {"name": "Digital Square", "kind": "funder", "country_code": ""}
    saved = client.post(
        f"/organisations/{organisation.slug}/edit",
        data={**data, "funds": [str(dpg.id)], "implements": [str(dpg.id)]},
    )
    assert saved.status_code == 302
    page = client.get(f"/organisations/{organisation.slug}").data
    assert b"Funds: openIMIS" in page and b"Implements: openIMIS" in page
    assert b"Digital Square" in client.get("/organisations/?dpg=openimis").data
    # The DPG's own page links back to the organisation behind it.
    dpg_page = client.get("/dpgs/openimis").get_data(as_text=True)
    assert f'href="/organisations/{organisation.slug}">Digital Square</a>' in dpg_page
    assert "(Funds)" in dpg_page and "(Implements)" in dpg_page
    bad = client.post(
        f"/organisations/{organisation.slug}/edit", data={**data, "owns": ["99999"]}
    )
    assert bad.status_code == 400


def test_the_registry_command_links_every_dpg(app, db):
    db.session.add(
        Dpg(
            slug="x-road",
            name="X-Road",
            organisations=[{"name": "NIIS", "role": "owner"}],
        )
    )
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["organisations", "link-registry"])
    assert "Linked 1 registry organisations" in result.output
    db.session.expire_all()
    link = db.session.scalar(select(OrganisationDpg))
    assert (link.organisation.name, link.dpg.slug, link.relation) == (
        "NIIS",
        "x-road",
        "owns",
    )


def test_only_staff_mark_an_organisation_as_government(client, db, login, staff):
    organisation = make_organisation(kind="vendor")
    manager = make_user()
    make_affiliation(manager, organisation, role="manager")
    login(manager)
    data = {"name": organisation.name, "kind": "government", "country_code": ""}
    refused = client.post(f"/organisations/{organisation.slug}/edit", data=data)
    assert refused.status_code == 400 and b"Only staff" in refused.data
    login(staff)
    assert (
        client.post(f"/organisations/{organisation.slug}/edit", data=data).status_code
        == 302
    )
    login(manager)
    back = client.post(
        f"/organisations/{organisation.slug}/edit", data={**data, "kind": "vendor"}
    )
    assert back.status_code == 400


def test_a_dpg_page_can_list_its_organisations_and_activities(db):
    from community.organisations.related import dpg_activities, dpg_organisations

    dpg = Dpg(slug="opencrvs", name="OpenCRVS")
    db.session.add(dpg)
    db.session.flush()
    owner = make_organisation(name="OpenCRVS Team")
    link_dpg(owner, dpg, "owns")
    db.session.commit()
    assert [
        (row.organisation.name, row.relation) for row in dpg_organisations(dpg)
    ] == [("OpenCRVS Team", "owns")]
    assert dpg_activities(dpg) == []
