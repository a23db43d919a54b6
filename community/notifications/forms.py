"""The watch control's form: one CSRF token and the button pressed."""

from wtforms import HiddenField

from community.forms import HubForm
from community.notifications.subscriptions import CHOICES


class WatchForm(HubForm):
    """Watch, mute or stop: the choice comes from the button (or an older URL)."""

    choice = HiddenField()

    def chosen(self, from_url: str | None = None) -> str | None:
        """The valid choice asked for (None when stale or unknown)."""
        if not self.validate_on_submit():
            return None
        choice = from_url or self.choice.data or "watch"
        return choice if choice in CHOICES else None
