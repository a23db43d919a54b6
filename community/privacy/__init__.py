"""Privacy: a person exports their data (export.py) and deletes their account
(deletion.py), from their settings."""

from community.privacy.views import bp

__all__ = ["bp"]
