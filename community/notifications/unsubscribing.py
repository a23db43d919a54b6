"""One-click unsubscribe (RFC 8058): what a signed link in a mail switches off."""

from flask_babel import _

from community.auth.models import User
from community.communities.models import Community
from community.communities.permissions import can_see_content
from community.discussions.models import Tag, Thread
from community.discussions.permissions import can_see_thread
from community.extensions import db
from community.notifications import subscriptions
from community.notifications.subscriptions import COMMUNITY, TAG, THREAD
from community.notifications.tokens import TokenRefused, read_unsubscribe_token


def read_link(token: str) -> tuple[User, str, int]:
    """(person, target type, target id) of a link; TokenRefused when it is bad."""
    user_id, target_type, target_id = read_unsubscribe_token(token)
    user = db.session.get(User, user_id)
    if user is None:
        raise TokenRefused("unsubscribe link for an account that is gone")
    return user, target_type, target_id


def describe(user: User, target_type: str, target_id: int) -> str:
    """What the link stops, in words; names only what its owner may still see
    (whoever holds the link may read this page)."""
    thread = db.session.get(Thread, target_id) if target_type == THREAD else None
    if thread is not None and can_see_thread(user, thread):
        return _("mail about the thread “%(title)s”", title=thread.title)
    if target_type == THREAD:
        return _("mail about this thread")
    if target_type == TAG:
        tag = db.session.get(Tag, target_id)
        if tag is not None and can_see_content(
            user, db.session.get(Community, tag.community_id)
        ):
            return _("news of threads tagged %(tag)s", tag=tag.name)
        return _("news of this tag")
    community = db.session.get(Community, target_id)
    if target_type == COMMUNITY and community and can_see_content(user, community):
        return _("news of %(community)s", community=community.name)
    if target_type == COMMUNITY:
        return _("news of this community")
    return _("notification mail")


def unsubscribe(user: User, target_type: str, target_id: int) -> None:
    """Mute the thread, stop watching the community or the tag, or stop
    notification mail."""
    if target_type == THREAD:
        subscriptions.set_watch(user, THREAD, target_id, muted=True)
    elif target_type in (COMMUNITY, TAG):
        subscriptions.stop_watching(user, target_type, target_id)
    else:
        user.email_frequency = "never"
    db.session.flush()
