"""The benchmark's DPG seeder fills the catalogue and its links on tiny data,
and the bench measures /dpgs/<slug> and /map."""

from sqlalchemy import func, select

from bench.run import PAGES
from community.dpgs.models import Dpg, DpgCountry, lesson_version_dpgs
from tests.test_bench_harness import bench_app, run_tiny_seed  # noqa: F401


def test_the_catalogue_is_seeded_and_measured(bench_app, db):  # noqa: F811
    report = run_tiny_seed(db)
    assert db.session.scalar(select(func.count()).select_from(Dpg)) == 165
    assert db.session.scalar(select(func.count()).select_from(DpgCountry)) > 600
    linked = select(func.count()).select_from(lesson_version_dpgs)
    assert db.session.scalar(linked) >= 5
    assert report.targets["dpg_slug"] == "mosip"
    paths = {page.key: page.path for page in PAGES}
    assert paths["dpg"] == "/dpgs/{dpg_slug}" and paths["map"] == "/map"
    client = bench_app.test_client()
    assert client.get("/dpgs/mosip").status_code == 200
    assert client.get("/map").status_code == 200
