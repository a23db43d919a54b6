"""The admin area and the site pages.

views.py        /admin/: find people, one person's page and the actions on it
decisions.py    roles, editors, suspensions, confirming addresses (audit-logged)
people.py       the people search and a person's recent activity
audit_views.py  /admin/audit with audit_log.py: the filtered audit log
page_views.py   /about, /code-of-conduct, /privacy, /accessibility, /contact
                and their editing form; site_pages.py, page_texts.py
permissions.py  who may do each of these
"""

from community.admin import audit_views, page_views  # noqa: F401 - add their routes
from community.admin.page_views import pages_bp
from community.admin.views import bp

__all__ = ["bp", "pages_bp"]
