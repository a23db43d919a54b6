"""Home page, public profiles and the health check."""

from flask import Blueprint, abort, jsonify, render_template
from flask_login import current_user
from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError

from community.auth.models import User
from community.countries import country_name
from community.extensions import db
from community.pagecache.member_blocks import home_fragment
from community.pagecache.pages import visitor_cached
from community.sections import home_context, profile_context

bp = Blueprint("main", __name__)


@bp.get("/")
@visitor_cached
def home():
    context = home_context(current_user, render_shared=home_fragment)
    return render_template("main/home.html", **context)


@bp.get("/u/<username>")
def profile(username: str):
    person = db.session.scalar(
        select(User).where(User.username_key == username.lower()[:30])
    )
    if person is None:
        abort(404)
    context = profile_context(current_user, person)
    return render_template(
        "main/profile.html",
        person=person,
        country=country_name(person.country),
        **context,
    )


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="unavailable", database="down"), 503
    return jsonify(status="ok", database="up")
