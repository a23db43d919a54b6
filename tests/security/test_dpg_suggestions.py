"""The DPG names offered while writing a lesson come from the public catalogue
only: never from members-only lessons, drafts, or names waiting for staff."""

from tests.factories import (
    make_community,
    make_dpg,
    make_lesson,
    make_membership,
    make_user,
)
from tests.learnings.test_authoring import VALID


def test_only_the_catalogue_is_offered(client, db, login):
    make_dpg(name="MOSIP", slug="mosip")
    secret = make_community(slug="peers", visibility="members")
    make_membership(login(make_user()), secret)
    data = {**VALID, "dpgs": "SecretRegistry", "community_id": str(secret.id)}
    saved = client.post("/learnings/new", data=data, follow_redirects=True)
    assert "Not in the catalogue yet: SecretRegistry" in saved.get_data(as_text=True)
    make_lesson(dpgs=[], community=secret)
    page = client.get("/learnings/new").get_data(as_text=True)
    assert '<option value="MOSIP">' in page
    assert "SecretRegistry" not in page  # a suggestion for staff, not an entry
