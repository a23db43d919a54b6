"""Staff add and edit DPGs in the UI; everyone else is refused; bad input is a
400 with the text kept."""

import pytest
from sqlalchemy import select

from community.dpgs.models import Dpg
from tests.factories import make_dpg, make_user

ROLES = {
    "anonymous": None,
    "member": {},
    "editor": {"is_editor": True},
    "site_moderator": {"site_role": "moderator"},
    "site_admin": {"site_role": "admin"},
    "suspended_admin": {"site_role": "admin", "suspended_at": "now"},
}
# role: (GET /dpgs/new, GET /dpgs/<slug>/edit)
EXPECTED = {
    "anonymous": (302, 302),
    "member": (403, 403),
    "editor": (200, 200),
    "site_moderator": (200, 200),
    "site_admin": (200, 200),
    "suspended_admin": (302, 302),
}

GOOD = {
    "name": "Open Clinic",
    "registry_id": "",
    "website": "https://clinic.example.org",
    "description": "Clinic software <b>not bold</b>.",
    "aliases": "OC\nClinic",
    "sectors": "Health",
    "sdgs": ["3", "10"],
    "licences": "MPL-2.0",
    "types": "software",
    "stage": "",
    "deployment_countries": ["KE", "TZ", "SZ"],
    "development_countries": [],
    "organisations": "Clinic Collective | owner",
    "notes": "Works **offline**. <script>x</script>",
}


def as_role(role, login):
    values = ROLES[role]
    if values is None:
        return None
    values = dict(values)
    if values.get("suspended_at") == "now":
        from community.timezones import utcnow

        values["suspended_at"] = utcnow()
    return login(make_user(**values))


@pytest.mark.parametrize("role", list(ROLES))
def test_who_may_open_the_forms(client, db, login, role):
    dpg = make_dpg(name="Existing")
    as_role(role, login)
    new_status, edit_status = EXPECTED[role]
    assert client.get("/dpgs/new").status_code == new_status
    assert client.get(f"/dpgs/{dpg.slug}/edit").status_code == edit_status
    posted = client.post(f"/dpgs/{dpg.slug}/edit", data={**GOOD, "name": "Renamed"})
    assert posted.status_code == (302 if edit_status == 200 else edit_status)
    db.session.expire_all()
    renamed = db.session.get(Dpg, dpg.id).name == "Renamed"
    assert renamed == (edit_status == 200)
    page = client.get(f"/dpgs/{dpg.slug}").get_data(as_text=True)
    assert ("Edit this DPG" in page) == (edit_status == 200)


def test_staff_add_a_good_not_in_the_registry(client, db, login):
    login(make_user(is_editor=True))
    response = client.post("/dpgs/new", data=GOOD)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/dpgs/open-clinic")
    dpg = db.session.scalar(select(Dpg).where(Dpg.slug == "open-clinic"))
    assert dpg.registry_id is None
    assert dpg.country_codes("deployment") == ["KE", "SZ", "TZ"]
    assert dpg.facet_values("sdg") == ["3", "10"]
    assert dpg.organisations == [
        {"name": "Clinic Collective", "role": "owner", "website": ""}
    ]
    page = client.get("/dpgs/open-clinic").get_data(as_text=True)
    assert "No: added by the community" in page
    assert "<strong>offline</strong>" in page and "<script>x" not in page
    assert "Clinic software &lt;b&gt;not bold&lt;/b&gt;." in page
    listing = client.get("/dpgs/").get_data(as_text=True)
    assert "Not in the registry" in listing


def test_a_second_good_of_the_same_name_gets_its_own_slug(client, db, login):
    login(make_user(is_editor=True))
    make_dpg(name="Open Clinic", slug="open-clinic")
    response = client.post("/dpgs/new", data=GOOD)
    assert response.headers["Location"].endswith("/dpgs/open-clinic-2")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Give the good its name."),
        ({"website": "javascript:alert(1)"}, "full web address"),
        ({"deployment_countries": ["KE", "Atlantis"]}, "“ATLANTIS” is not a country"),
        ({"development_countries": ["XK"]}, "“XK” is not a country we know"),
        ({"deployment_countries": ["KE\nTZ"]}, "is not a country we know"),
        ({"registry_id": "Not A Slug"}, "lowercase letters"),
        ({"registry_id": "taken-id"}, "Another DPG in the catalogue"),
        ({"sdgs": ["99"]}, "is not one of the options"),
        ({"licences": "x" * 400}, "longer than 150"),
        ({"name": "y" * 151}, "150"),
    ],
)
def test_bad_input_is_a_400_with_the_text_kept(client, db, login, changes, message):
    make_dpg(name="Taken", registry_id="taken-id")
    login(make_user(is_editor=True))
    response = client.post("/dpgs/new", data={**GOOD, **changes})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page
    assert "Clinic Collective | owner" in page  # what they typed is kept
    assert db.session.scalar(select(Dpg).where(Dpg.name == "Open Clinic")) is None


def test_marking_a_registry_good_as_not_in_the_registry_and_back(client, db, login):
    dpg = make_dpg(name="Listed", registry_id="listed")
    login(make_user(site_role="admin"))
    form = client.get("/dpgs/listed/edit").get_data(as_text=True)
    assert 'value="listed"' in form
    client.post("/dpgs/listed/edit", data={**GOOD, "name": "Listed", "registry_id": ""})
    db.session.expire_all()
    assert db.session.get(Dpg, dpg.id).registry_id is None
    client.post(
        "/dpgs/listed/edit", data={**GOOD, "name": "Listed", "registry_id": "listed"}
    )
    db.session.expire_all()
    assert db.session.get(Dpg, dpg.id).registry_id == "listed"


def test_a_stale_token_keeps_the_text_and_saves_nothing(app, client, db, login):
    dpg = make_dpg(name="Existing")
    login(make_user(is_editor=True))
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        for url in ("/dpgs/new", f"/dpgs/{dpg.slug}/edit"):
            data = {**GOOD, "csrf_token": "stale"}
            response = client.post(url, data=data)
            assert response.status_code == 400, url
            page = response.get_data(as_text=True)
            assert "form had expired" in page and "Clinic Collective | owner" in page
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    db.session.expire_all()
    assert db.session.get(Dpg, dpg.id).name == "Existing"


def test_countries_are_ticked_from_the_catalogue_grouped_by_region(client, db, login):
    dpg = make_dpg(name="Existing")
    login(make_user(is_editor=True))
    client.post(f"/dpgs/{dpg.slug}/edit", data={**GOOD, "name": "Existing"})
    page = client.get(f"/dpgs/{dpg.slug}/edit").get_data(as_text=True)
    assert 'name="deployment_countries"' in page and "<textarea" in page
    assert 'id="deployment_countries-KE" checked' in page
    assert 'id="deployment_countries-FR">' in page  # offered, not ticked
    assert 'id="development_countries-KE">' in page
    assert "Africa, 3 chosen" in page and "<summary>Europe</summary>" in page
    assert page.count("<details open>") == 1  # only the region with a tick
    assert page.count('type="checkbox" name="deployment_countries"') == 249


def test_lowercase_and_repeated_codes_are_one_country(client, db, login):
    login(make_user(is_editor=True))
    data = {**GOOD, "deployment_countries": ["ke", "KE", " tz "]}
    assert client.post("/dpgs/new", data=data).status_code == 302
    dpg = db.session.scalar(select(Dpg).where(Dpg.slug == "open-clinic"))
    assert dpg.country_codes("deployment") == ["KE", "TZ"]


def test_an_unknown_country_keeps_the_other_ticks_and_text(client, db, login):
    login(make_user(is_editor=True))
    data = {**GOOD, "deployment_countries": ["KE", "ZZ"], "notes": "Kept *notes*"}
    response = client.post("/dpgs/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "“ZZ” is not a country we know" in page
    assert 'href="#deployment_countries"' in page  # the summary links to the list
    assert 'id="deployment_countries-KE" checked' in page
    assert "Kept *notes*" in page and 'value="Open Clinic"' in page
