"""Demo events for `flask seed-demo`: idempotent (events are found by title).

A weekly GovStack forum (Europe/Berlin, 10:00), a monthly DPG product managers
call (UTC), a vendor workshop with few seats (Africa/Nairobi), a multi-day
all-day event, a cancelled event, a weekly clinic with two seats per date (a
full first date with a wait list, a moved and a cancelled date) and RSVPs.
"""

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from community.communities.models import Community, Membership
from community.demo.users import demo_user
from community.events import occurrences, rsvps, scheduling
from community.events.models import Event
from community.events.scheduling import EventData
from community.extensions import db
from community.timezones import utcnow

COMMUNITIES = {
    "govstack": "GovStack",
    "dpg-product-managers": "DPG product managers",
    "vendors-integrators": "Vendors & system integrators",
}


CANCELLED = "Webinar: procurement for DPGs"  # scheduled, then cancelled
CLINIC = "Peer clinic: Sydney and Santiago"  # seats per date, moved and cancelled


def community_named(slug: str) -> Community:
    """The community seeded by the communities step, or a plain one if it is missing."""
    community = db.session.scalar(select(Community).where(Community.slug == slug))
    if community is None:
        community = Community(
            slug=slug, name=COMMUNITIES[slug], purpose="Demo community"
        )
        db.session.add(community)
        db.session.flush()
    return community


def next_weekday(weekday: int, at: time) -> datetime:
    today = utcnow().date()
    return datetime.combine(
        today + timedelta(days=(weekday - today.weekday()) % 7 or 7), at
    )


def second_tuesday_next_month(at: time) -> datetime:
    today = utcnow().date()
    first = date(today.year + today.month // 12, today.month % 12 + 1, 1)
    return datetime.combine(first + timedelta(days=(1 - first.weekday()) % 7 + 7), at)


def demo_events() -> list[tuple[str, str, EventData]]:
    """(community slug, organiser username, what to schedule)."""
    forum = next_weekday(2, time(10))  # Wednesdays 10:00 Berlin, across the DST change
    call = second_tuesday_next_month(time(14))
    workshop = next_weekday(3, time(9)) + timedelta(days=14)
    summit = (utcnow() + timedelta(days=45)).date()
    webinar = next_weekday(4, time(15)) + timedelta(days=7)
    clinic = next_weekday(3, time(8))
    return [
        (
            "govstack",
            "jonas",
            EventData(
                title=CLINIC,
                event_type="workshop",
                timezone="Australia/Sydney",
                start_local=clinic,
                end_local=clinic + timedelta(hours=1),
                frequency="weekly",
                count=12,
                capacity=2,
                online_url="https://meet.example.org/peer-clinic",
                description="Two seats a week: bring one problem.\n"
                "Sydney morning, Santiago afternoon.",
            ),
        ),
        (
            "govstack",
            "jonas",
            EventData(
                title="GovStack community forum",
                event_type="forum",
                timezone="Europe/Berlin",
                start_local=forum,
                end_local=forum + timedelta(hours=1),
                frequency="weekly",
                weekdays=["WE"],
                count=26,
                online_url="https://meet.example.org/govstack-forum",
                description="Our weekly forum: building blocks, specs, pilots.\n\n"
                "Bring your questions, in any language.",
            ),
        ),
        (
            "dpg-product-managers",
            "maya",
            EventData(
                title="DPG product managers monthly call",
                event_type="meeting",
                timezone="UTC",
                start_local=call,
                end_local=call + timedelta(hours=1),
                frequency="monthly",
                monthly="weekday",
                count=12,
                online_url="https://meet.example.org/dpg-pm",
                description="Roadmaps, releases and what we learn from implementers.",
            ),
        ),
        (
            "vendors-integrators",
            "amina",
            EventData(
                title="Integration workshop: consent and identity",
                event_type="workshop",
                timezone="Africa/Nairobi",
                start_local=workshop,
                end_local=workshop + timedelta(hours=3),
                capacity=3,
                location="iHub, Senteu Plaza, Nairobi",
                description="Hands-on: wiring consent management into an ID flow.",
            ),
        ),
        (
            "govstack",
            "jonas",
            EventData(
                title="DPI implementers' summit",
                event_type="other",
                timezone="Africa/Kigali",
                all_day=True,
                start_on=summit,
                end_on=summit + timedelta(days=2),
                location="Kigali Convention Centre, Kigali",
                description="Three days of pilot stories, workshops and peer visits.",
            ),
        ),
        (
            "vendors-integrators",
            "amina",
            EventData(
                title="Webinar: procurement for DPGs",
                event_type="webinar",
                timezone="America/Sao_Paulo",
                start_local=webinar,
                end_local=webinar + timedelta(hours=1),
                online_url="https://meet.example.org/proc",
            ),
        ),
    ]


def seed_events() -> list[str]:
    lines = []
    for slug, username, data in demo_events():
        if (
            db.session.scalar(select(Event.id).where(Event.title == data.title))
            is not None
        ):
            continue
        community = community_named(slug)
        organiser = demo_user(username)
        ensure_organiser(organiser, community)
        event, _ = scheduling.create_event(organiser, community, data)
        if data.title == CANCELLED:
            scheduling.cancel_event(organiser, event)
        if data.title == CLINIC:
            seed_clinic(organiser, event)
        elif data.capacity:
            for name in ("ravi", "lucia", "kwame", "sofia"):
                rsvps.respond(demo_user(name), event, "going")
        elif not event.is_cancelled:
            for name in ("amina", "ravi", "tomas"):
                rsvps.respond(demo_user(name), event, "going")
        lines.append(f"  scheduled {data.title}")
    return lines


def seed_clinic(organiser, event: Event) -> None:
    """A full first date with a wait list, a moved third date, a cancelled fourth."""
    rows = rsvps.future_dates(event, utcnow())
    for name in ("ravi", "lucia", "kwame"):  # two seats: Kwame waits
        rsvps.respond(demo_user(name), event, "going", rows[0])
    rsvps.respond(demo_user("sofia"), event, "going")  # every date
    third, fourth = rows[2], rows[3]
    start = third.start_local + timedelta(hours=2)
    occurrences.move_occurrence(
        organiser, event, third.original_start_at, start, start + timedelta(hours=1)
    )
    occurrences.cancel_occurrence(organiser, event, fourth.original_start_at)


def ensure_organiser(user, community: Community) -> None:
    if user is None:
        return
    found = db.session.scalar(
        select(Membership).where(
            Membership.user_id == user.id, Membership.community_id == community.id
        )
    )
    if found is None:
        db.session.add(
            Membership(user_id=user.id, community_id=community.id, role="organiser")
        )
        community.member_count += 1
    elif found.role == "member":
        found.role = "organiser"
    db.session.flush()
