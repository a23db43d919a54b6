"""Countries: /countries/ and /countries/<iso2>."""

from flask import render_template
from flask_login import current_user

from community.dpgs.country_facts import (
    country_rows,
    dpgs_in,
    events_in,
    lessons_from,
    members_from,
)
from community.dpgs.permissions import get_country_or_404
from community.dpgs.views import bp
from community.timezones import utcnow


@bp.get("/countries/")
def list_countries():
    return render_template("dpgs/countries.html", rows=country_rows(current_user))


@bp.get("/countries/<code>")
def show_country(code: str):
    country = get_country_or_404(code)
    people, member_count = members_from(country.code)
    upcoming, past = events_in(current_user, country.code, utcnow())
    return render_template(
        "dpgs/country.html",
        country=country,
        dpgs=dpgs_in(country.code),
        lessons=lessons_from(current_user, country.code),
        members=people,
        member_count=member_count,
        upcoming=upcoming,
        past=past,
    )
