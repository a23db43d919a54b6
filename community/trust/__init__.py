"""Trust levels and spam defence, in the spirit of Discourse's.

levels.py   trust levels computed from activity; promotion; limits_for(user)
holding.py  new accounts' first posts wait for a moderator; posts hide
            themselves after enough flags from established members
views.py    the held-post queue beside the flag queue
"""

from community.trust.views import bp

__all__ = ["bp"]
