"""The data the browser tests look at, and the list of main pages they check.

Add a feature's pages to MAIN_PAGES (and what they need to SiteData/seed_site):
every page in the list is then checked by axe, for weight and foreign
requests, for HTML validity, and screenshotted at both viewports.
"""

from dataclasses import dataclass

from sqlalchemy import text

from community.auth.tokens import make_reset_token
from community.extensions import db
from community.notifications.models import Notification
from community.timezones import utcnow
from tests.factories import make_community, make_membership, make_user


@dataclass(frozen=True)
class SiteData:
    """Names and tokens the page paths are filled in with."""

    member: str  # username of a confirmed member (the "member" viewer)
    newcomer: str  # username of an unconfirmed account (the "newcomer" viewer)
    community: str  # slug of a public, open community
    private_community: str  # slug of a members-only community (member belongs)
    reset_token: str  # a valid password-reset token for the member


@dataclass(frozen=True)
class MainPage:
    name: str
    path: str  # str.format()ted with the SiteData fields
    viewers: tuple[str, ...] = ("visitor",)  # visitor, member, newcomer
    status: int = 200


BOTH = ("visitor", "member")
MAIN_PAGES = [
    MainPage("home", "/", BOTH),
    MainPage("communities", "/c/", BOTH),
    MainPage("community", "/c/{community}", BOTH),
    MainPage("members-only-community", "/c/{private_community}", BOTH),
    MainPage("profile", "/u/{member}", BOTH),
    MainPage("register", "/auth/register"),
    MainPage("login", "/auth/login"),
    MainPage("reset-request", "/auth/reset"),
    MainPage("reset-password", "/auth/reset/{reset_token}"),
    MainPage("bad-token", "/auth/confirm/not-a-token", status=400),
    MainPage("logout", "/auth/logout", ("member",)),
    MainPage("settings", "/auth/settings", ("member", "newcomer")),
    MainPage("notifications", "/notifications/", ("member",)),
    MainPage("error-404", "/no-such-page", BOTH, status=404),
    MainPage("error-405", "/notifications/read-all", status=405),
    # The rest come from the test-only /_e2e/error/<code> route (conftest).
    *(
        MainPage(f"error-{code}", f"/_e2e/error/{code}", status=code)
        for code in (400, 403, 413, 429, 500, 503)
    ),
]


def page_views() -> list[tuple[str, MainPage]]:
    """Every (viewer, page) pair to check."""
    return [(viewer, page) for page in MAIN_PAGES for viewer in page.viewers]


def view_id(view: tuple[str, MainPage]) -> str:
    return f"{view[0]}-{view[1].name}"


def seed_site() -> SiteData:
    """People, communities and notifications for the page checks (app context)."""
    member = make_user(
        username="amina_e2e",
        display_name="Amina Diallo",
        organisation="Ministry of Digital Economy",
        country="SN",
        bio_source="I build **identity** systems.",
        bio_html="<p>I build <strong>identity</strong> systems.</p>",
    )
    newcomer = make_user(username="kofi_e2e", email_confirmed_at=None)
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
    return SiteData(
        member=member.username,
        newcomer=newcomer.username,
        community=community.slug,
        private_community=private.slug,
        reset_token=make_reset_token(member),
    )


def empty_tables() -> None:
    """Delete every row, so the browser tests start and leave a clean database."""
    db.session.remove()
    tables = list(reversed(db.metadata.sorted_tables))
    with db.engine.begin() as connection:
        if db.engine.dialect.name == "postgresql":
            names = ", ".join(f'"{table.name}"' for table in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            return
        for table in tables:
            connection.execute(table.delete())
