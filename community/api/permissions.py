"""Who may manage webhooks, and which deliveries a hook's owner may receive."""

from community.communities.models import Community
from community.communities.permissions import can_moderate, can_see_content
from community.discussions.permissions import can_see_thread
from community.events.permissions import can_see_event
from community.learnings.permissions import can_see_lesson


def can_manage_webhooks(user, community: Community) -> bool:
    """A community's moderators (and site moderators) register its webhooks."""
    return can_moderate(user, community) and not community.is_archived


def may_receive(owner, kind: str, subject) -> bool:
    """The hook's owner could read this on the site, right now. A site
    moderator moderates members-only communities without reading them, so
    being allowed to register a hook does not imply this."""
    if owner is None or owner.is_suspended:
        return False
    if kind.startswith("thread."):
        return can_see_thread(owner, subject)
    if kind.startswith("post."):
        return can_see_thread(owner, subject.thread) and not subject.is_gone
    if kind.startswith("event."):
        return can_see_event(owner, subject)
    if kind.startswith("lesson."):
        return can_see_lesson(owner, subject)
    return False


def may_see_deliveries(user, community: Community) -> bool:
    return can_manage_webhooks(user, community) and can_see_content(user, community)


TEMPLATE_PREDICATES = (can_manage_webhooks,)
