"""The DPG names offered while writing a lesson come only from lessons the
writer may read: not from members-only lessons or other people's drafts."""

from tests.factories import make_community, make_lesson, make_membership, make_user


def test_suggestions_leave_out_members_only_lessons_and_drafts(client, db, login):
    secret = make_community(slug="peers", visibility="members")
    make_lesson(dpg_tags=["MOSIP"])
    make_lesson(dpg_tags=["SecretRegistry"], community=secret)
    make_lesson(dpg_tags=["DraftOnlyDpg"], status="draft")
    writer = login(make_user(is_editor=True))
    page = client.get("/learnings/new").get_data(as_text=True)
    assert "MOSIP" in page
    assert "SecretRegistry" not in page
    assert "DraftOnlyDpg" not in page

    make_membership(writer, secret)
    page = client.get("/learnings/new").get_data(as_text=True)
    assert "SecretRegistry" in page  # members read it, so they may see its names
