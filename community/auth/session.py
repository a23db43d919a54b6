"""Flask-Login wiring: loading the signed-in person."""

from flask import Flask

from community.extensions import db


def init_login(app: Flask, login_manager) -> None:
    from community.auth.models import User
    from community.auth.staff import init_staff_guard

    login_manager.init_app(app)
    init_staff_guard(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please log in to continue."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(user_id: str):
        number, _, password_tag = user_id.partition(":")
        if not number.isdigit():
            return None
        user = db.session.get(User, int(number))
        # A suspension ends every open session, not only new log-ins.
        if user is None or user.is_suspended or user.get_id() != user_id:
            return None
        return user
