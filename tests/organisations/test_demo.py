"""The demo roadmap: the 2021 commitment's activities with their lead
organisations, linked to the seeded communities, events and lessons."""

from sqlalchemy import func, select

from community.demo import seed_all
from community.organisations.roadmap_models import ActivityLink, RoadmapActivity


def test_the_demo_roadmap_is_seeded_once_and_linked(client, db, demo):
    seed_all()
    assert db.session.scalar(select(func.count(RoadmapActivity.id))) == 11
    kinds = set(db.session.scalars(select(ActivityLink.target_type)))
    assert kinds == {"community", "event", "lesson"}
    page = client.get("/roadmap").data.decode()
    assert "GovStack" in page and "The DPG Standard" in page
    activity = client.get("/roadmap/pathfinding-pilot-learnings").data.decode()
    assert "DPGA Secretariat" in activity and "mobile ID kits" in activity
    assert "badge-verified" in client.get("/u/amina").data.decode()
