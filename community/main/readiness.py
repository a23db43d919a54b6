"""/readyz for load balancers: the database and (if configured) Redis answer."""

from flask import Blueprint, jsonify
from redis.exceptions import RedisError
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from community.extensions import db
from community.jobs import redis_connection

bp = Blueprint("readiness", __name__)


def database_ready() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return False
    return True


def redis_ready() -> bool | None:
    connection = redis_connection()
    if connection is None:
        return None
    try:
        return bool(connection.ping())
    except RedisError:
        return False


@bp.get("/readyz")
def readyz():
    checks = {"database": database_ready(), "redis": redis_ready()}
    ready = all(value is not False for value in checks.values())
    body = {"status": "ready" if ready else "unavailable", **checks}
    return jsonify(body), 200 if ready else 503
