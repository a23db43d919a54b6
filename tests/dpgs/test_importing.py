"""`flask dpgs import`: the registry's format in, an idempotent catalogue out."""

import copy
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from community.dpgs.models import Country, Dpg, DpgCountry

FIXTURE = Path(__file__).parent / "fixtures" / "registry_small.json"
# CI checks the project out beside ../shared, which holds the registry as
# published (a worktree sits one folder deeper).
REGISTRY = "shared/data/dpg-registry/dpgs-2023-02.json"
FULL = next(
    (
        folder / REGISTRY
        for folder in Path(__file__).resolve().parents
        if (folder / REGISTRY).exists()
    ),
    Path("..") / REGISTRY,
)


def run_import(app, source) -> tuple[int, str]:
    result = app.test_cli_runner().invoke(args=["dpgs", "import", str(source)])
    return result.exit_code, result.output


def test_small_fixture_imports_with_countries_facets_and_no_contacts(app, db):
    code, output = run_import(app, FIXTURE)
    assert code == 0, output
    assert "3 created, 0 updated, 0 unchanged" in output
    assert "'Kosovo' (health-records-kit)" in output
    kit = db.session.scalar(select(Dpg).where(Dpg.registry_id == "health-records-kit"))
    assert kit.slug == "health-records-kit"
    assert kit.aliases == []
    assert kit.country_codes("deployment") == ["CG", "KE", "PS", "SZ", "VN"]
    assert kit.country_codes("development") == ["NO"]
    assert kit.deployment_count == 5
    assert kit.facet_values("sdg") == ["3", "5"]
    assert kit.facet_values("sector") == ["Health"]
    assert kit.facet_values("licence") == ["BSD-3-Clause"]
    assert kit.organisations == [
        {
            "name": "Example Health Lab",
            "role": "owner",
            "website": "https://lab.example.org",
        }
    ]
    assert "person@example.org" not in json.dumps(kit.organisations)
    content = db.session.scalar(select(Dpg).where(Dpg.registry_id == "school-content"))
    assert content.countries == []
    assert db.session.scalar(select(func.count()).select_from(Country)) == 249


def test_second_import_changes_nothing_and_a_newer_file_says_what_changed(
    app, db, tmp_path
):
    run_import(app, FIXTURE)
    code, output = run_import(app, FIXTURE)
    assert "0 created, 0 updated, 3 unchanged" in output
    records = json.loads(FIXTURE.read_text())
    newer = copy.deepcopy(records)
    newer[1]["website"] = "https://ledger.example.org"
    newer[1]["locations"]["deploymentCountries"].append("Brunei")
    newer.append({**copy.deepcopy(records[2]), "id": "fresh-good", "name": "Fresh"})
    path = tmp_path / "newer.json"
    path.write_text(json.dumps(newer))
    code, output = run_import(app, path)
    assert code == 0
    assert "1 created, 1 updated, 2 unchanged" in output
    assert "updated open-ledger: website, countries" in output
    ledger = db.session.scalar(select(Dpg).where(Dpg.registry_id == "open-ledger"))
    db.session.refresh(ledger)
    assert ledger.country_codes("deployment") == ["BN", "CD", "TZ"]


def test_one_object_and_a_folder_of_files_are_accepted(app, db, tmp_path):
    records = json.loads(FIXTURE.read_text())
    single = tmp_path / "one.json"
    single.write_text(json.dumps(records[0]))
    assert "1 created" in run_import(app, single)[1]
    folder = tmp_path / "folder"
    folder.mkdir()
    for record in records:
        (folder / f"{record['id']}.json").write_text(json.dumps(record))
    assert "2 created, 0 updated, 1 unchanged" in run_import(app, folder)[1]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not JSON"),
        ('"a string"', "expected an object or an array"),
        ('[{"id": "a", "name": "A"}]', "record 1 (id 'a'): 'license' is missing"),
        ('[{"name": "No id"}]', "record 1: 'id' is missing"),
        ("[1]", "record 1: not an object"),
    ],
)
def test_a_file_not_in_the_registry_format_is_refused_naming_the_record(
    app, db, tmp_path, content, message
):
    path = tmp_path / "bad.json"
    path.write_text(content)
    code, output = run_import(app, path)
    assert code != 0
    assert message in output
    assert db.session.scalar(select(func.count()).select_from(Dpg)) == 0


def test_the_second_bad_record_is_named_and_nothing_is_imported(app, db, tmp_path):
    records = json.loads(FIXTURE.read_text())
    records[1]["organizations"] = "Ledger Foundation"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(records))
    code, output = run_import(app, path)
    assert code != 0
    assert "record 2 (id 'open-ledger'): 'organizations'" in output
    assert db.session.scalar(select(func.count()).select_from(Dpg)) == 0


def test_a_missing_path_is_a_clear_error(app, db, tmp_path):
    code, output = run_import(app, tmp_path / "nothing-here.json")
    assert code != 0
    assert "no such file or folder" in output


def test_the_published_registry_imports_whole_and_again_unchanged(app, db):
    if not FULL.exists():
        pytest.skip(f"{FULL} is not here (CI has it beside the checkout)")
    code, output = run_import(app, FULL)
    assert code == 0, output
    assert output.startswith("165 created, 0 updated, 0 unchanged")
    # The only name left unresolved is one that is not an ISO 3166-1 country.
    assert "1 country names not resolved:\n  'Kosovo'" in output
    assert db.session.scalar(select(func.count()).select_from(Dpg)) == 165
    deployments = select(func.count()).select_from(DpgCountry)
    assert db.session.scalar(deployments.where(DpgCountry.kind == "deployment")) > 1000
    code, output = run_import(app, FULL)
    assert output.startswith("0 created, 0 updated, 165 unchanged")


def test_an_http_url_is_read_like_a_file(app, db):
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    handler = functools.partial(SimpleHTTPRequestHandler, directory=FIXTURE.parent)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/{FIXTURE.name}"
        code, output = run_import(app, url)
    finally:
        server.shutdown()
        server.server_close()
    assert code == 0, output
    assert "3 created" in output


def test_a_good_staff_added_is_taken_over_when_the_registry_lists_it(app, db):
    from tests.factories import make_dpg

    added = make_dpg(name="Open Ledger", slug="open-ledger", registry_id=None)
    added.notes_source = added.notes_html = "Our notes"
    db.session.commit()
    code, output = run_import(app, FIXTURE)
    assert "2 created, 1 updated, 0 unchanged" in output
    assert "updated open-ledger: registry id, aliases" in output
    db.session.expire_all()
    ledger = db.session.get(Dpg, added.id)
    assert ledger.registry_id == "open-ledger"
    assert ledger.notes_source == "Our notes"  # the community's notes are kept
    assert db.session.scalar(select(func.count()).select_from(Dpg)) == 3
