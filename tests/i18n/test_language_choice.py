"""A page's language: ?lang=, the footer's cookie, the account, then the browser."""

import re

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select

from community import create_app
from community.auth.models import User
from community.extensions import db as _db
from config import TestConfig
from tests.auth.test_register import finish_link, form
from tests.auth.test_settings import profile_form
from tests.factories import make_user
from tests.test_migrations import MIGRATIONS


def page_language(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.get_data(as_text=True)).group(1)


def test_english_without_any_choice(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert page_language(response) == "en"
    assert "Accept-Language" in response.headers.get("Vary", "")


def test_the_browser_language_is_used(client, db):
    response = client.get("/", headers={"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"})
    assert page_language(response) == "es"


def test_an_unsupported_browser_language_falls_back_to_english(client, db):
    response = client.get("/", headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert page_language(response) == "en"


def test_a_lang_link_sets_the_cookie_that_later_pages_follow(client, db):
    response = client.get("/c/?lang=pt")
    assert page_language(response) == "pt"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("lang=pt;") and "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    later = client.get("/", headers={"Accept-Language": "fr"})
    assert page_language(later) == "pt"


def test_an_unknown_lang_value_is_ignored(client, db):
    response = client.get("/?lang=xx%3Cscript%3E")
    assert response.status_code == 200
    assert page_language(response) == "en"
    assert "Set-Cookie" not in response.headers or "lang=" not in str(
        response.headers.getlist("Set-Cookie")
    )


def test_the_footer_switch_links_every_language_without_javascript(client, db):
    page = client.get("/c/?page=1").get_data(as_text=True)
    footer = page[page.index('<nav class="language-switch"') :]
    footer = footer[: footer.index("</nav>")]
    assert 'aria-label="Language"' in footer
    assert '<span lang="en" aria-current="true">English</span>' in footer
    for code, name in (("fr", "Français"), ("es", "Español"), ("pt", "Português")):
        link = f'<a href="/c/?page=1&amp;lang={code}" hreflang="{code}" lang="{code}"'
        assert link in footer
        assert f">{name}</a>" in footer
    assert "<script" not in footer


def test_every_page_names_its_alternates_for_search_engines(app, client, db):
    page = client.get("/c/?lang=fr").get_data(as_text=True)
    site = app.config["SITE_URL"].rstrip("/")
    for code in ("en", "fr", "es", "pt"):
        expected = (
            f'<link rel="alternate" hreflang="{code}" href="{site}/c/?lang={code}">'
        )
        assert expected in page
    assert f'hreflang="x-default" href="{site}/c/"' in page


def test_the_account_language_comes_before_the_browser(client, db, login):
    login(make_user(language="fr"))
    response = client.get("/", headers={"Accept-Language": "es"})
    assert page_language(response) == "fr"


def test_the_language_setting_is_saved_and_refuses_unknown_codes(client, db, login):
    user = login(make_user())
    page = client.get("/auth/settings").get_data(as_text=True)
    assert 'id="language" name="language"' in page
    assert '<option selected value="">' in page
    response = client.post("/auth/settings", data=profile_form(language="pt"))
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.language == "pt"
    assert page_language(client.get("/")) == "pt"
    refused = client.post(
        "/auth/settings", data=profile_form(language="klingon", bio="Kept text")
    )
    assert refused.status_code == 400
    assert b"Kept text" in refused.data
    db.session.refresh(user)
    assert user.language == "pt"


def test_sign_up_remembers_the_page_language(client, db, mailbox):
    response = client.post(
        "/auth/register?lang=fr", data=form(email="nadia@example.org")
    )
    assert response.status_code == 302
    assert client.get(finish_link(mailbox, "nadia@example.org")).status_code == 302
    user = db.session.scalars(select(User).filter_by(email="nadia@example.org")).one()
    assert user.language == "fr"


def test_the_language_migration_downgrades_and_upgrades(tmp_path):
    class MigrateConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp_path / 'language.db'}"
        SQLALCHEMY_ENGINE_OPTIONS = {}  # not the PostgreSQL options of a PG run

    app = create_app(MigrateConfig)
    with app.app_context():
        upgrade(directory=MIGRATIONS)
        downgrade(directory=MIGRATIONS, revision="0009")
        columns = inspect(_db.engine).get_columns("users")
        assert "language" not in {column["name"] for column in columns}
        upgrade(directory=MIGRATIONS)
        columns = inspect(_db.engine).get_columns("users")
        assert "language" in {column["name"] for column in columns}
        _db.engine.dispose()
