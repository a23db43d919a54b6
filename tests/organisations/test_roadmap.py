"""The roadmap: objectives, drafts only staff see, activity pages, updates by
lead organisations' managers, the Atom feed, and no members-only leaks."""

from xml.etree import ElementTree

from sqlalchemy import select

from community.organisations.roadmap_models import RoadmapActivity
from tests.factories import make_community, make_user
from tests.organisations.factories import make_affiliation, make_organisation


def activity_data(**overrides):
    values = {
        "title": "GovStack community of practice",
        "objective": "knowledge",
        "status": "ongoing",
        "description": "Peers *meet*.",
        "is_published": "y",
    }
    values.update(overrides)
    return values


def test_staff_build_the_roadmap_and_lead_managers_post_updates(
    client, db, login, staff
):
    lead = make_organisation(name="GovStack Initiative")
    public = make_community(slug="govstack")
    private = make_community(slug="secret-room", visibility="members")
    login(staff)
    created = client.post(
        "/roadmap/new",
        data=activity_data(
            leads=[str(lead.id)], communities=[str(public.id), str(private.id)]
        ),
    )
    assert created.status_code == 302
    activity = db.session.scalar(select(RoadmapActivity))
    assert [o.name for o in activity.leads] == ["GovStack Initiative"]
    manager = make_user()
    make_affiliation(manager, lead, role="manager")
    outsider = login(make_user())
    update_url = f"/roadmap/{activity.slug}/updates"
    assert client.post(update_url, data={"title": "x", "body": "y"}).status_code == 403
    assert client.get(f"/roadmap/{activity.slug}/edit").status_code == 403
    page = client.get(f"/roadmap/{activity.slug}").data
    assert b"GovStack Initiative" in page and b"/c/govstack" in page
    assert b"secret-room" not in page  # members-only: not for outsiders
    assert outsider and b"GovStack community of practice" in client.get("/roadmap").data
    login(manager)
    empty = client.post(update_url, data={"title": "", "body": "kept body"})
    assert empty.status_code == 400 and b"kept body" in empty.data
    posted = client.post(update_url, data={"title": "Forum held", "body": "**Good**"})
    assert posted.status_code == 302
    feed = client.get(f"/roadmap/{activity.slug}/feed.atom")
    assert feed.status_code == 200 and feed.mimetype == "application/atom+xml"
    root = ElementTree.fromstring(feed.data)  # noqa: S314 - our own feed
    titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Forum held" in titles
    again = client.get(
        f"/roadmap/{activity.slug}/feed.atom",
        headers={"If-None-Match": feed.headers["ETag"]},
    )
    assert again.status_code == 304
    assert (
        b"GovStack community of practice"
        in client.get(f"/organisations/{lead.slug}").data
    )
    assert b"GovStack community of practice" in client.get("/c/govstack").data


def test_drafts_are_for_staff_only(client, db, login, staff):
    login(staff)
    client.post("/roadmap/new", data=activity_data(is_published=""))
    activity = db.session.scalar(select(RoadmapActivity))
    assert client.get(f"/roadmap/{activity.slug}").status_code == 200
    assert b"Draft" in client.get("/roadmap").data
    login(make_user())
    assert client.get(f"/roadmap/{activity.slug}").status_code == 404
    assert client.get(f"/roadmap/{activity.slug}/feed.atom").status_code == 404
    assert b"GovStack community" not in client.get("/roadmap").data


def test_bad_roadmap_input(client, db, login, staff):
    login(staff)
    bad = client.post(
        "/roadmap/new",
        data=activity_data(objective="world-peace", title="Kept title", leads=["999"]),
    )
    assert bad.status_code == 400 and b"Kept title" in bad.data
    huge = client.post("/roadmap/new", data=activity_data(description="x" * 100_000))
    assert huge.status_code == 400
    assert client.get("/roadmap/nothing-here").status_code == 404
    assert db.session.scalar(select(RoadmapActivity)) is None


def test_the_five_objectives_are_shown(client, db):
    page = client.get("/roadmap").data.decode()
    for title in (
        "Discoverable and accessible DPGs",
        "Sustainably funded and managed DPGs",
        "Knowledge and networks",
        "Local vendor capacity",
        "Resources and funding",
    ):
        assert title in page
