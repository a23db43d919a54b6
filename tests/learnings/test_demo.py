from sqlalchemy import func, select

from community.demo import seed_all
from community.learnings.models import Lesson, LessonVersion


def test_demo_lessons_cover_every_state_and_are_marked(app, db, client, demo):
    statuses = dict(
        db.session.execute(
            select(Lesson.status, func.count(Lesson.id)).group_by(Lesson.status)
        ).all()
    )
    assert sum(statuses.values()) >= 12
    assert set(statuses) == {"draft", "in_review", "sent_back", "published", "archived"}
    assert statuses["sent_back"] == 1 and statuses["archived"] == 1
    published_twice = db.session.scalar(
        select(func.count())
        .select_from(LessonVersion)
        .where(LessonVersion.published_at.is_not(None), LessonVersion.number == 2)
    )
    assert published_twice >= 1
    revising = db.session.scalar(
        select(func.count())
        .select_from(Lesson)
        .where(Lesson.published_version_id.is_not(None), Lesson.status == "in_review")
    )
    assert revising >= 1
    versions = db.session.scalars(select(LessonVersion)).all()
    assert all("Demo content" in version.context_source for version in versions)
    page = client.get("/learnings/").data.decode()
    for region in (
        "Africa",
        "Asia-Pacific",
        "Europe",
        "Latin America",
        "North America",
    ):
        assert region in page
    # As the catalogue names them (MOSIP is its alias there).
    mosip = "Modular Open Source Identity Platform"
    for dpg in (mosip, "DHIS2", "X-Road", "OpenCRVS", "Mojaloop"):
        assert dpg in page
    count = db.session.scalar(select(func.count()).select_from(Lesson))
    seed_all()
    assert db.session.scalar(select(func.count()).select_from(Lesson)) == count
