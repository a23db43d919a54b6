"""The data the browser tests look at, and the list of main pages they check.

To check a feature's pages: append a seed step to SEED_STEPS that creates what
they show and records names/ids on `site` (e.g. site.thread = thread.id), and
add MainPage entries whose paths use them ("/t/{thread}"). Every page in the
list is then checked for weight, foreign requests, layout and axe at both
viewports, screenshotted, and validated by vnu, for each of its viewers.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace

from sqlalchemy import select, text

from community.auth.models import User
from community.auth.tokens import make_reset_token
from community.communities.models import Community
from community.extensions import db
from community.notifications.models import Notification
from community.notifications.tokens import unsubscribe_token
from community.timezones import utcnow
from tests.factories import (
    make_community,
    make_event,
    make_lesson,
    make_membership,
    make_reply,
    make_thread,
    make_user,
)


@dataclass(frozen=True)
class MainPage:
    name: str
    path: str  # str.format()ted with the attributes of `site`
    viewers: tuple[str, ...] = ("visitor",)  # any of VIEWERS
    status: int = 200


BOTH = ("visitor", "member")
MAIN_PAGES = [
    MainPage("home", "/", BOTH),
    MainPage("communities", "/c/", BOTH),
    MainPage("community", "/c/{community}", BOTH),
    MainPage("community-members", "/c/{community}/members", BOTH),
    MainPage("leave-community", "/c/{community}/leave", ("member",)),
    MainPage("members-only-community", "/c/{private_community}", ("member",)),
    MainPage("members-only-refused", "/c/{private_community}", status=403),
    MainPage("join-requests", "/c/{private_community}/requests", ("member",)),
    MainPage("new-community", "/c/new", ("admin",)),
    MainPage("edit-community", "/c/{community}/edit", ("admin",)),
    MainPage("held-posts", "/c/{community}/held", ("admin",)),
    MainPage("thread", "/t/{thread}", BOTH),
    MainPage("new-thread", "/c/{community}/new", ("member",)),
    MainPage("library", "/learnings/", BOTH),
    MainPage("library-filtered", "/learnings/?country=KE&dpg=MOSIP"),
    MainPage("lesson", "/learnings/{lesson}", BOTH),
    MainPage("lesson-in-review", "/learnings/{lesson_in_review}", ("admin",)),
    MainPage("new-lesson", "/learnings/new", ("member",)),
    MainPage("review-queue", "/learnings/review", ("admin",)),
    MainPage("events", "/events/", BOTH),
    MainPage("events-month", "/events/month/{event_year}/{event_month}", BOTH),
    MainPage("event", "/events/{event}", BOTH),
    MainPage("event-dates", "/events/{event}/dates", BOTH),
    MainPage("event-attendees", "/events/{event}/attendees", ("admin",)),
    MainPage("new-event", "/c/{private_community}/events/new", ("member",)),
    MainPage("past-events", "/events/past"),
    MainPage("calendar-help", "/events/calendar-help"),
    MainPage("dpgs", "/dpgs/", BOTH),
    MainPage("dpgs-filtered", "/dpgs/?sector=Health&sort=deployments"),
    MainPage("dpg", "/dpgs/{dpg}", BOTH),
    MainPage("new-dpg", "/dpgs/new", ("admin",)),
    MainPage("edit-dpg", "/dpgs/{dpg}/edit", ("admin",)),
    MainPage("dpg-suggestions", "/dpgs/suggestions", ("admin",)),
    MainPage("countries", "/countries/", BOTH),
    MainPage("country", "/countries/{country}", BOTH),
    MainPage("map", "/map", BOTH),
    MainPage("map-filtered", "/map?dpg={dpg}&measure=lessons"),
    MainPage("search", "/search?q=interoperability", BOTH),
    MainPage("search-form", "/search"),
    MainPage("profile", "/u/{member}", BOTH),
    MainPage("register", "/auth/register"),
    MainPage("register-sent", "/auth/register/sent"),
    MainPage("login", "/auth/login"),
    MainPage("reset-request", "/auth/reset"),
    MainPage("reset-password", "/auth/reset/{reset_token}"),
    MainPage("bad-token", "/auth/confirm/not-a-token", status=400),
    MainPage("logout", "/auth/logout", ("member",)),
    MainPage("settings", "/auth/settings", ("member", "newcomer")),
    MainPage("two-factor-setup", "/auth/settings/two-factor", ("admin",)),
    MainPage("notifications", "/notifications/", ("member",)),
    MainPage("unsubscribe", "/notifications/unsubscribe/{unsubscribe_token}"),
    MainPage("organisations", "/organisations/", BOTH),
    MainPage("organisations-filtered", "/organisations/?kind=government&member=1"),
    MainPage("organisation", "/organisations/{organisation}", BOTH),
    MainPage("edit-organisation", "/organisations/{organisation}/edit", ("admin",)),
    MainPage("join-the-effort", "/join-the-effort", BOTH),
    MainPage("join-sent", "/join-the-effort/sent"),
    MainPage("roadmap", "/roadmap", BOTH),
    MainPage("activity", "/roadmap/{activity}", BOTH),
    MainPage("new-activity", "/roadmap/new", ("admin",)),
    MainPage("application-review", "/join-the-effort/review", ("admin",)),
    MainPage("application", "/join-the-effort/applications/{application}", ("admin",)),
    MainPage("api-reference", "/api/v1/"),
    MainPage("api-tokens", "/auth/settings/tokens", ("member",)),
    MainPage("webhooks", "/c/{private_community}/webhooks", ("member",)),
    MainPage("your-data", "/auth/settings/export", ("member",)),
    MainPage("delete-account", "/auth/settings/delete", ("member",)),
    MainPage("admin-people", "/admin/", ("admin",)),
    MainPage("admin-person", "/admin/people/{member_id}", ("admin",)),
    MainPage("admin-audit-log", "/admin/audit", ("admin",)),
    MainPage("admin-edit-page", "/admin/pages/about", ("admin",)),
    MainPage("about", "/about"),
    MainPage("code-of-conduct", "/code-of-conduct"),
    MainPage("error-404", "/no-such-page", BOTH, status=404),
    MainPage("error-405", "/notifications/read-all", status=405),
    # The rest come from the test-only /_e2e/error/<code> route (conftest).
    *(
        MainPage(f"error-{code}", f"/_e2e/error/{code}", status=code)
        for code in (400, 403, 413, 429, 500, 503)
    ),
]
VIEWERS = ("visitor", "member", "newcomer", "admin")


def page_views() -> list[tuple[str, MainPage]]:
    """Every (viewer, page) pair to check."""
    return [(viewer, page) for page in MAIN_PAGES for viewer in page.viewers]


def view_id(view: tuple[str, MainPage]) -> str:
    return f"{view[0]}-{view[1].name}"


def seed_people_and_communities(site: SimpleNamespace) -> None:
    """site.member: a confirmed member (the "member" viewer), moderator of
    site.private_community (members-only, where the newcomer asks to join) and
    member of site.community (public, open); site.newcomer: unconfirmed (the
    "newcomer" viewer); site.admin: a site admin without two-factor (the
    "admin" viewer); site.reset_token resets the member's password. The member
    has one unread notification."""
    member = make_user(
        username="amina_e2e",
        display_name="Amina Diallo",
        organisation="Ministry of Digital Economy",
        country="SN",
        bio_source="I build **identity** systems.",
        bio_html="<p>I build <strong>identity</strong> systems.</p>",
        spoken_languages="French, Wolof, English",
        expertise="digital identity, civil registration",
    )
    newcomer = make_user(username="kofi_e2e", email_confirmed_at=None)
    admin = make_user(
        username="ravi_e2e",
        display_name="Ravi Admin",
        site_role="admin",
        is_editor=True,
    )
    community = make_community(
        slug="open-data-e2e",
        name="Open data in government",
        purpose="Publishing and using open data in ministries.",
        description_html="<p>We meet monthly and share what worked.</p>",
    )
    private = make_community(
        slug="peers-e2e",
        name="Government peers",
        purpose="A closed circle for civil servants.",
        visibility="members",
        join_policy="approval",
        description_html="<p>Only members read this.</p>",
    )
    make_membership(member, community)
    make_membership(member, private, role="moderator")
    make_membership(
        newcomer, private, status="pending", request_message="I work on ID."
    )
    db.session.add_all(
        [
            Notification(
                user_id=member.id, kind="reply", message="Kofi replied", url="/"
            ),
            Notification(
                user_id=member.id,
                kind="mention",
                message="Ana mentioned you",
                url="/c/open-data-e2e",
                read_at=utcnow(),
            ),
        ]
    )
    db.session.commit()
    site.member = member.username
    site.member_id = member.id
    site.newcomer = newcomer.username
    site.admin = admin.username
    site.community = community.slug
    site.private_community = private.slug
    site.reset_token = make_reset_token(member)
    site.unsubscribe_token = unsubscribe_token(member.id, "all", 0)


def seed_discussions_and_lessons(site: SimpleNamespace) -> None:
    """site.thread: a question in site.community with an answer; site.lesson:
    a published lesson; site.lesson_in_review: one submitted for review."""
    member = db.session.scalar(select(User).where(User.username == site.member))
    admin = db.session.scalar(select(User).where(User.username == site.admin))
    community = db.session.scalar(
        select(Community).where(Community.slug == site.community)
    )
    thread = make_thread(
        community,
        member,
        title="How do you keep interoperability across ministries?",
        source="We have **three** registries that disagree. What worked for you?",
        tags=["interoperability"],
    )
    make_reply(thread, admin, "A shared data dictionary, agreed *before* building.")
    site.thread = thread.id
    lesson = make_lesson(
        author=member, title="Start the ID pilot with two districts", countries=["KE"]
    )
    lesson.discussion_thread_id = thread.id  # "Discussed in" and the link back
    db.session.commit()
    site.lesson = lesson.slug
    in_review = make_lesson(author=member, status="in_review", title="Consent flows")
    site.lesson_in_review = in_review.slug


def seed_events(site: SimpleNamespace) -> None:
    """site.event: a weekly Berlin event in site.community with capacity 2, the
    member going; site.event_year/event_month: the month of its first date."""
    admin = db.session.scalar(select(User).where(User.username == site.admin))
    member = db.session.scalar(select(User).where(User.username == site.member))
    community = db.session.scalar(
        select(Community).where(Community.slug == site.community)
    )
    start = (utcnow() + timedelta(days=3)).replace(
        hour=15, minute=0, second=0, microsecond=0, tzinfo=None
    )
    event = make_event(
        community,
        admin,
        title="Open data clinic",
        timezone="Europe/Berlin",
        start_local=start,
        end_local=start + timedelta(hours=1),
        description="Bring a dataset.",
        location="Online",
        capacity=2,
        frequency="weekly",
        count=4,
    )
    rsvp(member, event)
    site.event = event.id
    site.event_year, site.event_month = start.year, start.month


def rsvp(user: User, event) -> None:
    from community.events.rsvps import respond

    respond(user, event, "going")
    db.session.commit()


def seed_dpgs(site: SimpleNamespace) -> None:
    """site.dpg: DHIS2, deployed in Kenya (site.country) and named by the seeded
    lesson, thread and event; OpenSPP for the lesson journey; one suggestion."""
    from community.discussions.models import Thread
    from community.dpgs.linking import suggest
    from community.events.models import Event
    from community.learnings.models import Lesson
    from tests.factories import catalogue_dpg, link_dpg, make_dpg

    dhis2 = make_dpg(
        name="DHIS2",
        slug="dhis2",
        deployed=["KE", "TZ", "UG"],
        facts={"description": "Routine data for health systems."},
    )
    catalogue_dpg("OpenSPP")  # the lesson journey may have made it first
    link_dpg(db.session.scalar(select(Lesson).where(Lesson.slug == site.lesson)), dhis2)
    link_dpg(db.session.get(Thread, site.thread), dhis2)
    link_dpg(db.session.get(Event, site.event), dhis2)
    suggest(["Not Yet Listed"], "thread", site.thread, None)
    db.session.commit()
    site.dpg = dhis2.slug
    site.country = "ke"


def seed_organisations(site: SimpleNamespace) -> None:
    """An organisation with a verified member, a roadmap activity it leads and
    an application waiting for review (the services word their notices in the
    request's language, hence the request context)."""
    from flask import current_app

    with current_app.test_request_context():
        _seed_organisations(site)


def _seed_organisations(site: SimpleNamespace) -> None:
    from community.organisations import affiliations, applications, organising, roadmap

    admin = db.session.scalar(select(User).where(User.username == site.admin))
    member = db.session.scalar(select(User).where(User.username == site.member))
    organisation = organising.create_organisation(
        admin, "Ministry of Digital Economy", kind="government", country_code="KE"
    )
    organisation.roadmap_member_since = utcnow()
    row = affiliations.claim(member, organisation, "member", True)
    affiliations.confirm(admin, row)
    activity = roadmap.save_activity(
        admin,
        None,
        {
            "title": "Knowledge forums",
            "objective": "knowledge",
            "status": "ongoing",
            "is_published": True,
            "description": "Forums where implementers meet.",
            "leads": [organisation.id],
            "partners": [],
            "links": {},
        },
    )
    roadmap.post_update(admin, activity, "First forum held", "It went **well**.")
    answers = applications.Answers(
        submission_key=applications.new_submission_key(),
        contact_name="Kofi Test",
        organisation_name="Ghana Digital Centre",
        what_it_does="Trains developers.",
    )
    application = applications.submit(answers, "kofi@example.org")
    db.session.commit()
    site.organisation = organisation.slug
    site.activity = activity.slug
    site.application = application.id


SEED_STEPS: list[Callable[[SimpleNamespace], None]] = [
    seed_people_and_communities,
    seed_discussions_and_lessons,
    seed_events,
    seed_dpgs,
    seed_organisations,
]


def seed_site() -> SimpleNamespace:
    """Run every seed step once (in an app context of the live app)."""
    site = SimpleNamespace()
    for step in SEED_STEPS:
        step(site)
    return site


def empty_tables() -> None:
    """Delete every row, so the browser tests start and leave a clean database."""
    from community.dpgs.importing import ensure_countries

    db.session.remove()
    tables = [t for t in reversed(db.metadata.sorted_tables) if t.name != "countries"]
    with db.engine.begin() as connection:
        if db.engine.dialect.name == "postgresql":
            names = ", ".join(f'"{table.name}"' for table in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                connection.execute(table.delete())
    # The countries are reference data the migrations seed (profiles, lessons
    # and events point at them): kept, and filled if this database has none.
    ensure_countries()
    db.session.commit()
