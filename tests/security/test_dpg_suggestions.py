"""The DPG names offered while writing a lesson come from the public catalogue
only: never from members-only lessons, drafts, or names waiting for staff."""

from tests.factories import make_community, make_dpg, make_lesson, make_user


def test_only_the_catalogue_is_offered(client, db, login):
    make_dpg(name="MOSIP", slug="mosip")
    secret = make_community(slug="peers", visibility="members")
    writer = login(make_user(is_editor=True))
    client.post(
        "/learnings/new",
        data={
            "title": "A draft naming a secret good",
            "summary": "s",
            "pilot_name": "p",
            "countries": ["KE"],
            "sector": "identity",
            "stage": "pilot",
            "year": "2024",
            "authors": "a",
            "organisation": "o",
            "learned": "l",
            "dpgs": "SecretRegistry",
            "community_id": str(secret.id),
        },
    )
    make_lesson(dpgs=[], community=secret)
    page = client.get("/learnings/new").get_data(as_text=True)
    assert '<option value="MOSIP">' in page
    assert "SecretRegistry" not in page  # a suggestion, not a catalogue entry
    assert writer is not None
