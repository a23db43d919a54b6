"""Benchmark organisations and roadmap: a directory of organisations, roadmap
activities they lead, and confirmed affiliations whose badges show beside the
names on thread pages (users.verified_organisation_id, as the service keeps it)."""

from sqlalchemy import bindparam

from bench.content import sentence
from bench.seeding import SeedContext, seeder
from community.organisations.models import KINDS
from community.organisations.roadmap_models import OBJECTIVES
from community.text import render_markdown

ACTIVITIES_PER_OBJECTIVE = 10


@seeder("organisations", "organisations", "roadmap_activities", "affiliations")
def seed_organisations(ctx: SeedContext) -> int:
    """One organisation per twenty users; one user in five is a verified member."""
    count = max(5, len(ctx.ids["users"]) // 20)
    kinds = list(KINDS)
    organisations = []
    for number in range(1, count + 1):
        description = sentence(ctx.rng)
        organisations.append(
            {
                "id": number,
                "slug": f"bench-organisation-{number}",
                "name": f"Bench organisation {number}",
                "name_key": f"bench organisation {number}",
                "short_name": f"BO{number}",
                "kind": kinds[number % len(kinds)],
                "country_code": None,  # the countries table may be empty (create_all)
                "website": "",
                "description_source": description,
                "description_html": str(render_markdown(description)),
                "roadmap_member_since": ctx.now if number % 3 == 0 else None,
                "created_at": ctx.now,
            }
        )
    ctx.insert("organisations", organisations)
    seed_activities(ctx, count)
    return count + seed_affiliations(ctx, count)


def seed_activities(ctx: SeedContext, organisations: int) -> None:
    activities, leads, number = [], [], 0
    for objective in OBJECTIVES:
        for position in range(ACTIVITIES_PER_OBJECTIVE):
            number += 1
            activities.append(
                {
                    "id": number,
                    "slug": f"bench-activity-{number}",
                    "objective": objective,
                    "title": f"Bench activity {number}",
                    "description_source": "",
                    "description_html": "",
                    "status": "ongoing",
                    "is_published": True,
                    "position": position,
                    "created_at": ctx.now,
                    "updated_at": ctx.now,
                }
            )
            chosen = ctx.rng.sample(range(1, organisations + 1), 2)
            leads += [
                {"activity_id": number, "organisation_id": org, "role": "lead"}
                for org in chosen
            ]
    ctx.insert("roadmap_activities", activities)
    ctx.insert("activity_organisations", leads)
    ctx.targets["organisation_slug"] = "bench-organisation-1"
    ctx.targets["activity_slug"] = "bench-activity-1"


def seed_affiliations(ctx: SeedContext, organisations: int) -> int:
    rows, badges = [], []
    for number, user_id in enumerate(ctx.ids["users"][::5], start=1):
        organisation = (number % organisations) + 1
        rows.append(
            {
                "id": number,
                "user_id": user_id,
                "organisation_id": organisation,
                "role": "member",
                "status": "confirmed",
                "shown_on_page": True,
                "created_at": ctx.now,
                "confirmed_at": ctx.now,
            }
        )
        badges.append({"badge_user": user_id, "badge_org": organisation})
    ctx.insert("affiliations", rows)
    users = ctx.metadata.tables["users"]
    ctx.connection.execute(
        users.update()
        .where(users.c.id == bindparam("badge_user"))
        .values(verified_organisation_id=bindparam("badge_org")),
        badges,
    )
    return len(rows)
