"""/map: every country a link with an accessible name and value, the same
numbers in a table, three measures, the DPG and sector filters, and the
60 KB budget with the whole registry loaded."""

import gzip
import re

from community.dpgs.world_map import shapes, step
from tests.dpgs.test_importing import FULL, run_import
from tests.factories import link_dpg, make_community, make_dpg, make_lesson, make_user


def test_the_shapes_cover_the_world_and_are_svg_paths():
    countries = shapes()["countries"]
    assert len(countries) > 200
    for code in ("KE", "IN", "BR", "US", "FJ", "RU", "SZ", "PS", "WS"):
        assert re.fullmatch(r"M[-0-9mlz, ]+", countries[code]), code
    assert "AQ" not in countries  # cut to keep the map short


def test_shades_climb_on_a_log_scale():
    assert [step(value, 100) for value in (0, 1, 3, 10, 100)] == [0, 1, 2, 3, 5]
    assert step(1, 1) == 5 and step(0, 0) == 0


def test_each_country_is_a_named_link_and_the_table_repeats_the_numbers(client, db):
    make_dpg(name="Health Kit", deployed=["KE", "TZ"])
    make_dpg(name="Ledger", deployed=["KE"], facts={"sector": ["Finance"]})
    page = client.get("/map").get_data(as_text=True)
    assert '<a href="/countries/ke"><title>Kenya: 2</title>' in page
    assert '<a href="/countries/tz"><title>Tanzania: 1</title>' in page
    assert '<a href="/countries/fr"><title>France: 0</title>' in page
    table = page.split('id="map-table"')[1]
    assert re.search(r">Kenya</a></td><td>2</td>", table)
    assert "France" not in table  # only countries with something
    assert 'aria-current="page">DPG deployments' in page

    sector = client.get("/map?sector=Finance").get_data(as_text=True)
    assert (
        "<title>Kenya: 1</title>" in sector and "<title>Tanzania: 0</title>" in sector
    )
    filtered = client.get("/map?dpg=ledger").get_data(as_text=True)
    assert "<title>Tanzania: 0</title>" in filtered and "About Ledger" in filtered


def test_lessons_and_members_measures_count_only_what_the_viewer_may_read(
    client, db, login
):
    good = make_dpg(name="Health Kit", deployed=["KE"])
    link_dpg(make_lesson(countries=["UG"], dpgs=[]), good)
    secret = make_community(slug="peers", visibility="members")
    make_lesson(countries=["UG", "RW"], community=secret, dpgs=[])
    make_user(country="SN"), make_user(country="SN")
    lessons = client.get("/map?measure=lessons").get_data(as_text=True)
    assert "<title>Uganda: 1</title>" in lessons
    assert "<title>Rwanda: 0</title>" in lessons
    about = client.get("/map?measure=lessons&dpg=health-kit").get_data(as_text=True)
    assert "<title>Uganda: 1</title>" in about
    members = client.get("/map?measure=members").get_data(as_text=True)
    assert "<title>Senegal: 2</title>" in members


def test_odd_parameters_fall_back_and_never_fail(client, db):
    for query in ("measure=evil", "dpg=nothing", "sector=%27--", "dpg=" + "x" * 900):
        response = client.get(f"/map?{query}")
        assert response.status_code == 200, query
    assert client.get("/map?sector=%00").status_code == 400  # the app-wide guard


def test_the_map_of_the_whole_registry_stays_within_the_budget(app, client, db):
    if FULL.exists():
        run_import(app, FULL)
    else:
        make_dpg(name="Health Kit", deployed=list(shapes()["countries"])[:150])
    body = client.get("/map").data
    css = client.get("/static/site.css").data
    assert len(gzip.compress(body)) + len(gzip.compress(css)) < 60 * 1024
    assert b"<script" not in body
