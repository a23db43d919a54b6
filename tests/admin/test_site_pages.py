"""The site pages: default text at stable addresses, linked everywhere, and
edited by admins through the one Markdown renderer."""

import pytest
from sqlalchemy import select

from community.admin.models import SitePage
from community.audit import AuditLog
from tests.factories import make_user

PATHS = ["/about", "/code-of-conduct", "/privacy", "/accessibility", "/contact"]


@pytest.mark.parametrize("path", PATHS)
def test_every_page_has_default_text_and_is_in_every_footer(client, db, path):
    page = client.get(path)
    assert page.status_code == 200 and b"Community Hub" in page.data
    assert f'href="{path}"'.encode() in client.get("/").data
    assert f'href="{path}"'.encode() in page.data


def test_sign_up_links_the_code_of_conduct_and_the_privacy_notice(client, db):
    page = client.get("/auth/register").get_data(as_text=True)
    assert 'agree to follow our <a href="/code-of-conduct">code of conduct</a>' in page
    assert '<a href="/privacy">privacy notice</a>' in page


def test_admins_edit_a_page_and_the_markdown_is_sanitised(client, db, login):
    admin = login(make_user(site_role="admin"))
    form = client.get("/admin/pages/contact").get_data(as_text=True)
    assert "support@community.invalid" in form  # the default text to start from
    body = "Write to **us**.\n\n<script>alert(1)</script> [x](javascript:alert(1))"
    response = client.post(
        "/admin/pages/contact", data={"title": "Contact us", "body": body}
    )
    assert response.status_code == 302 and response.location.endswith("/contact")
    page = client.get("/contact").get_data(as_text=True)
    assert "<strong>us</strong>" in page and "Contact us" in page
    assert "<script>alert" not in page and "javascript:" not in page
    entry = db.session.scalar(
        select(AuditLog).where(AuditLog.action == "site_page.edit")
    )
    assert entry.actor_id == admin.id and "contact" in entry.detail
    assert "Edit this page" in page


def test_bad_page_input_is_a_400_with_the_text_kept(client, db, login):
    login(make_user(site_role="admin"))
    empty = client.post("/admin/pages/about", data={"title": "Kept title", "body": ""})
    assert empty.status_code == 400 and b"Kept title" in empty.data
    huge = client.post("/admin/pages/about", data={"title": "T", "body": "x" * 60_000})
    assert huge.status_code == 400
    no_title = client.post(
        "/admin/pages/about", data={"title": "", "body": "Kept body"}
    )
    assert no_title.status_code == 400 and b"Kept body" in no_title.data
    assert db.session.scalar(select(SitePage)) is None
    assert (
        client.post("/admin/pages/terms", data={"title": "T", "body": "B"}).status_code
        == 404
    )


def test_the_admin_list_shows_which_pages_were_changed(client, db, login):
    login(make_user(site_role="admin"))
    client.post("/admin/pages/about", data={"title": "About", "body": "New"})
    page = client.get("/admin/pages").get_data(as_text=True)
    assert page.count("the default text") == 4 and "/code-of-conduct" in page
