"""Static files are linked by content hash and cached for a year (issue 20)."""

import re

from tests.factories import make_user


def stylesheet_url(client) -> str:
    page = client.get("/").get_data(as_text=True)
    found = re.search(r'href="(/assets/site\.[0-9a-f]{12}\.css)"', page)
    assert found, "the page links the stylesheet by its content hash"
    return found.group(1)


def test_the_hashed_stylesheet_is_immutable(client, db):
    url = stylesheet_url(client)
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.data == client.get("/static/site.css").data
    assert response.mimetype == "text/css"


def test_signed_in_people_get_the_same_cacheable_file(client, db, login):
    login(make_user())
    response = client.get(stylesheet_url(client))
    assert "immutable" in response.headers["Cache-Control"]
    assert "no-store" not in response.headers["Cache-Control"]


def test_an_old_hash_still_answers_but_briefly_cached(client, db):
    response = client.get("/assets/site.000000000000.css")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=300"


def test_names_that_are_not_static_files_are_404(client, db):
    for name in (
        "nothing.000000000000.css",
        "site.css",
        "..%2Fconfig.000000000000.py",
        "site.zzzz.css",
        "x" * 500 + ".000000000000.css",
    ):
        assert client.get(f"/assets/{name}").status_code == 404, name
    assert client.get("/assets/../config.py").status_code == 404
