"""Who may change the catalogue, and fetching a DPG or country or 404.

The catalogue itself (registry facts) is public. What links to a DPG or a
country (lessons, threads, events) is shown through each feature's own
visibility rules (see dpgs/linked.py), so members-only content stays with members.
"""

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from community.communities.permissions import is_active_account
from community.countries import countries
from community.dpgs.models import Country, Dpg
from community.extensions import db


def can_manage_dpgs(user) -> bool:
    """Add and edit DPGs and see suggestions: staff (editors, moderators, admins)."""
    return is_active_account(user) and bool(user.is_staff)


def get_dpg_or_404(slug: str) -> Dpg:
    dpg = db.session.scalar(
        select(Dpg)
        .where(Dpg.slug == slug[:100])
        .options(selectinload(Dpg.facets), selectinload(Dpg.countries))
    )
    if dpg is None:
        abort(404)
    return dpg


def get_dpg_named_or_404(slug: str) -> Dpg:
    """The DPG a ?dpg= filter names (without its facts), or 404."""
    dpg = db.session.scalar(select(Dpg).where(Dpg.slug == slug[:100]))
    if dpg is None:
        abort(404)
    return dpg


def get_country_or_404(code: str) -> Country:
    """An ISO 3166-1 country by its alpha-2 code, any case (no query: the
    standard's list ships with pycountry), or 404."""
    name = countries().get(code.upper()) if len(code) == 2 else None
    if name is None:
        abort(404)
    return Country(code=code.upper(), name=name)


TEMPLATE_PREDICATES = (can_manage_dpgs,)
