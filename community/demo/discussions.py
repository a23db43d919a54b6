"""Demo threads for `flask seed-demo`: get-or-create by title, so reruns add nothing."""

from datetime import timedelta

from sqlalchemy import select

from community.auth.models import User
from community.communities.models import Community, Membership
from community.demo.discussion_texts import BY_COMMUNITY, DISCUSSION, WELCOME
from community.demo.users import demo_user
from community.discussions import posting, voting
from community.discussions.models import Post, Thread
from community.extensions import db
from community.timezones import utcnow

# slug, name, purpose, visibility, join policy: used only when the communities
# step has not run (get-or-create by slug).
COMMUNITIES = [
    (
        "govstack",
        "GovStack",
        "Building blocks for digital government",
        "public",
        "open",
    ),
    (
        "dpg-product-managers",
        "DPG product managers",
        "Running digital public goods as products",
        "public",
        "open",
    ),
    (
        "vendors-integrators",
        "Vendors & system integrators",
        "Implementing DPGs for governments",
        "public",
        "open",
    ),
    (
        "government-peers",
        "Government peers",
        "Public servants comparing notes in confidence",
        "members",
        "approval",
    ),
]


def ensure_community(slug: str, name: str, purpose: str, visibility: str, policy: str):
    """Get-or-create by slug, for when the communities step has not run."""
    community = db.session.scalar(select(Community).where(Community.slug == slug))
    if community is None:
        community = Community(
            slug=slug,
            name=name,
            purpose=purpose,
            visibility=visibility,
            join_policy=policy,
        )
        db.session.add(community)
        db.session.flush()
    return community


def ensure_member(user: User, community: Community) -> None:
    """Demo authors must be active members to post."""
    found = db.session.scalar(
        select(Membership).where(
            Membership.community_id == community.id, Membership.user_id == user.id
        )
    )
    if found is None:
        role = "moderator" if user.username == "jonas" else "member"
        db.session.add(
            Membership(community_id=community.id, user_id=user.id, role=role)
        )
        community.member_count += 1
        db.session.flush()


def add_replies(thread: Thread, parent: Post | None, replies: list, when) -> list[Post]:
    """Post a reply tree depth-first, backdating each reply a little."""
    made = []
    for number, (username, text, children) in enumerate(replies):
        author = demo_user(username)
        ensure_member(author, thread.community)
        post, _ = posting.reply(thread, author, text, parent)
        post.created_at = when + timedelta(hours=3 * (number + 1) + 2 * post.depth)
        made.append(post)
        made += add_replies(thread, post, children, post.created_at)
    return made


def seed_thread(community: Community, spec: tuple, days_ago: int) -> Thread | None:
    """One thread with its replies; None when a thread of that title exists."""
    title, kind, username, body, tags, replies = spec
    title = title.format(name=community.name)
    exists = select(Thread.id).where(
        Thread.community_id == community.id, Thread.title == title
    )
    if db.session.scalar(exists) is not None:
        return None
    author = demo_user(username)
    ensure_member(author, community)
    thread, _ = posting.start_thread(
        community, author, title=title, kind=kind, source=body, tags=tags
    )
    when = utcnow() - timedelta(days=days_ago)
    thread.created_at = thread.last_activity_at = when
    posting.opening_post(thread).created_at = when
    made = add_replies(thread, None, replies, when)
    thread.last_activity_at = max([when, *(post.created_at for post in made)])
    if kind == "question" and made:
        voting.accept_answer(thread, made[0])
        voter = demo_user("admin")
        voting.vote(voter, made[0])
    return thread


def seed_discussions() -> list[str]:
    """Per community: a pinned welcome, solved questions, a deep discussion."""
    if demo_user("jonas") is None:
        return ["  discussions: demo users missing, skipped"]
    lines = []
    for offset, values in enumerate(COMMUNITIES):
        community = ensure_community(*values)
        welcome = seed_thread(community, WELCOME, 30 + offset)
        if welcome is not None:
            welcome.is_pinned = True
        specs = [*BY_COMMUNITY.get(community.slug, []), DISCUSSION]
        for number, spec in enumerate(specs):
            if seed_thread(community, spec, 20 - 5 * number - offset) is not None:
                lines.append(f"  thread in {community.slug}: {spec[0]}")
        if welcome is not None:
            lines.append(f"  pinned welcome thread in {community.slug}")
    db.session.flush()
    return lines
