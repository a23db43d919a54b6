"""Demo organisations and the roadmap of the Alliance's 2021 commitment: a step
of `flask seed-demo`. Idempotent: organisations are found by name, activities
by slug, affiliations by person, so a second run adds nothing."""

from sqlalchemy import select

from community.communities.models import Community
from community.demo.users import demo_user
from community.events.models import Event
from community.extensions import db
from community.learnings.authoring import slugify as lesson_slug
from community.learnings.models import Lesson
from community.organisations import organising, roadmap
from community.organisations.models import Affiliation
from community.organisations.roadmap_models import RoadmapActivity
from community.timezones import utcnow

# name, short name, kind, country, website
ORGANISATIONS = [
    (
        "DPGA Secretariat",
        "DPGA",
        "multilateral",
        None,
        "https://digitalpublicgoods.net",
    ),
    (
        "International Telecommunication Union",
        "ITU",
        "multilateral",
        "CH",
        "https://www.itu.int",
    ),
    (
        "German Federal Ministry for Economic Cooperation and Development",
        "BMZ",
        "government",
        "DE",
        "https://www.bmz.de",
    ),
    (
        "Digital Impact Alliance",
        "DIAL",
        "technical_assistance",
        "US",
        "https://dial.global",
    ),
    ("Government of Estonia", "Estonia", "government", "EE", "https://e-estonia.com"),
    (
        "GovStack Initiative",
        "GovStack",
        "multilateral",
        None,
        "https://www.govstack.global",
    ),
    ("iSPIRT Foundation", "iSPIRT", "civil_society", "IN", "https://ispirt.in"),
    ("UNICEF", "UNICEF", "multilateral", "US", "https://www.unicef.org"),
    ("UNDP", "UNDP", "multilateral", "US", "https://www.undp.org"),
    ("Norad", "Norad", "funder", "NO", "https://www.norad.no"),
    ("Ministry of ICT", "MoICT Kenya", "government", "KE", ""),
    ("OpenCRVS", "", "dpg_owner", "SG", "https://www.opencrvs.org"),
]
GOVSTACK_LEADS = [
    "GovStack Initiative",
    "International Telecommunication Union",
    "German Federal Ministry for Economic Cooperation and Development",
    "Digital Impact Alliance",
    "Government of Estonia",
]
# slug, objective, title, status, leads, partners, description, links
ACTIVITIES = [
    (
        "dpg-standard",
        "discoverable",
        "The DPG Standard",
        "done",
        ["DPGA Secretariat"],
        [],
        "The open standard a digital public good meets: licences, privacy, do-no-harm.",
        {},
    ),
    (
        "dpg-registry",
        "discoverable",
        "The DPG Registry",
        "ongoing",
        ["DPGA Secretariat"],
        ["UNICEF"],
        "The registry of goods vetted against the DPG Standard.",
        {},
    ),
    (
        "visualising-implementations",
        "discoverable",
        "Visualisation of DPG implementations",
        "ongoing",
        ["DPGA Secretariat"],
        ["UNDP"],
        "A map of where digital public goods are deployed and piloted.",
        {},
    ),
    (
        "member-led-sourcing",
        "discoverable",
        "Member-led sourcing of DPGs",
        "ongoing",
        ["UNICEF"],
        ["UNDP"],
        "Members nominate goods from their own programmes.",
        {},
    ),
    (
        "ispirt-incubation",
        "sustainable",
        "iSPIRT's incubation of DPGs",
        "ongoing",
        ["iSPIRT Foundation"],
        [],
        "Incubating goods until they can sustain themselves.",
        {},
    ),
    (
        "govstack",
        "local_capacity",
        "GovStack",
        "ongoing",
        GOVSTACK_LEADS,
        [],
        "Building-block specifications that governments and local vendors reuse.",
        {"community": ["govstack"]},
    ),
    (
        "operational-toolkit",
        "local_capacity",
        "The operational toolkit",
        "planned",
        ["DPGA Secretariat"],
        ["Digital Impact Alliance"],
        "Guides for ministries procuring and running DPG-based systems.",
        {},
    ),
    (
        "govstack-community-of-practice",
        "knowledge",
        "The GovStack community of practice",
        "ongoing",
        ["GovStack Initiative"],
        ["DPGA Secretariat"],
        "Implementers compare notes on GovStack building blocks.",
        {"community": ["govstack"], "event": ["GovStack community forum"]},
    ),
    (
        "knowledge-forums",
        "knowledge",
        "Knowledge forums",
        "ongoing",
        ["DPGA Secretariat"],
        [],
        "Forums and webinars where implementers meet.",
        {
            "event": ["DPI implementers' summit", "Webinar: procurement for DPGs"],
            "community": ["dpg-product-managers"],
        },
    ),
    (
        "pathfinding-pilot-learnings",
        "knowledge",
        "Extract & share learnings from member-led pathfinding pilots",
        "ongoing",
        ["DPGA Secretariat"],
        ["Ministry of ICT"],
        "Lessons from pathfinding pilots, reviewed and published in the library.",
        {
            "lesson": [
                "Enrolling rural residents with mobile ID kits",
                "Starting a data-exchange layer with just two registries",
            ]
        },
    ),
    (
        "funders-collective",
        "resources",
        "The funders collective",
        "planned",
        ["Norad"],
        ["German Federal Ministry for Economic Cooperation and Development"],
        "Funders pool money for the unglamorous upkeep of digital public goods.",
        {},
    ),
]
# username, organisation, role
AFFILIATIONS = [("amina", "Ministry of ICT", "manager"), ("maya", "OpenCRVS", "member")]


def seed_organisations() -> list[str]:
    lines = []
    for name, short_name, kind, country, website in ORGANISATIONS:
        if organising.find_by_name(name) is None:
            organising.create_organisation(
                None,
                name,
                short_name=short_name,
                kind=kind,
                country_code=country,
                website=website,
            )
            lines.append(f"  organisation {name}")
    for position, entry in enumerate(ACTIVITIES):
        if _add_activity(position, *entry):
            lines.append(f"  roadmap activity {entry[0]}")
    for username, name, role in AFFILIATIONS:
        _confirm(username, name, role)
    return lines


def _add_activity(
    position, slug, objective, title, status, leads, partners, text, links
):
    if db.session.scalar(
        select(RoadmapActivity.id).where(RoadmapActivity.slug == slug)
    ):
        return False
    activity = RoadmapActivity(
        slug=slug, position=position, objective=objective, title=title
    )
    ids = {name: organising.find_by_name(name).id for name in leads + partners}
    for name in leads + partners:
        organisation = organising.find_by_name(name)
        organisation.roadmap_member_since = (
            organisation.roadmap_member_since or utcnow()
        )
    roadmap.save_activity(
        None,
        activity,
        {
            "title": title,
            "objective": objective,
            "status": status,
            "is_published": True,
            "description": text,
            "leads": [ids[n] for n in leads],
            "partners": [ids[n] for n in partners],
            "links": _link_ids(links),
        },
    )
    return True


def _link_ids(links: dict) -> dict[str, list[int]]:
    found = {
        "community": select(Community.id).where(
            Community.slug.in_(links.get("community", []))
        ),
        "event": select(Event.id).where(Event.title.in_(links.get("event", []))),
        "lesson": select(Lesson.id).where(
            Lesson.slug.in_([lesson_slug(t) for t in links.get("lesson", [])])
        ),
    }
    return {kind: list(db.session.scalars(query)) for kind, query in found.items()}


def _confirm(username: str, name: str, role: str) -> None:
    from community.organisations.affiliations import refresh_badge

    user, organisation = demo_user(username), organising.find_by_name(name)
    exists = db.session.scalar(
        select(Affiliation.id).where(
            Affiliation.user_id == user.id,
            Affiliation.organisation_id == organisation.id,
        )
    )
    if exists is None:
        db.session.add(
            Affiliation(
                user_id=user.id,
                organisation_id=organisation.id,
                role=role,
                status="confirmed",
                confirmed_at=utcnow(),
            )
        )
        db.session.flush()
        refresh_badge(user)
