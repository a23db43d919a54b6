"""Demo data for the admin area: a suspended account and an unconfirmed one to
find at /admin/, their audit entries, and the contact page as staff wrote it."""

from community.admin import decisions, site_pages
from community.auth.models import User
from community.demo.users import demo_user
from community.extensions import db

DEMO_CONTACT = """\
The demo hub's team reads messages on working days (09:00 to 17:00, Nairobi time).

- **Accounts and suspensions**: <mailto:hub-team@demo.community.invalid>
- **Reporting a post**: use **Flag** on the post, so its moderators see it at once.
- **Privacy and accessibility**: the same address; export or delete your data
  yourself from *Settings → Your data*.
"""
EXTRA_ACCOUNTS = [
    # username, display name, organisation, confirmed
    ("promo", "Cheap Promo Deals", "Deals Ltd", True),
    ("newcomer", "Nia Newcomer", "Ministry of Health", False),
]


def seed_admin_area() -> list[str]:
    admin = demo_user("admin")
    if admin is None or demo_user("promo") is not None:
        return []
    for username, name, organisation, confirmed in EXTRA_ACCOUNTS:
        db.session.add(
            User(
                email=f"{username}@demo.community.invalid",
                username=username,
                username_key=username,
                display_name=name,
                organisation=organisation,
                email_confirmed_at=admin.created_at if confirmed else None,
                email_frequency="never",
                password_hash=admin.password_hash,  # the demo password
            )
        )
    db.session.flush()
    decisions.suspend(demo_user("promo"), admin, "Posting adverts in every community")
    site_pages.save_page("contact", admin, "Contact", DEMO_CONTACT)
    db.session.flush()
    return ["  admin area: promo (suspended), newcomer (unconfirmed), contact page"]
