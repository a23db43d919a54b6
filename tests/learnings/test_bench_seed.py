from dataclasses import replace

from sqlalchemy import func, select

from bench.seed import TINY, seed
from community.learnings.models import Lesson


def test_bench_seeder_fills_the_library_and_its_facet_page_answers(client, db):
    sizes = replace(TINY, lessons=40)
    with db.engine.begin() as connection:
        report = seed(connection, db.metadata, sizes)
    assert report.rows["lessons"] == 40
    published = db.session.scalar(
        select(func.count())
        .select_from(Lesson)
        .where(Lesson.published_version_id.is_not(None))
    )
    assert published == 36
    response = client.get(f"/learnings/?{report.targets['lesson_facets']}")
    assert response.status_code == 200
    assert b"Narrow down" in response.data
    assert client.get("/learnings/").data.count(b'class="lesson-item"') == 20
