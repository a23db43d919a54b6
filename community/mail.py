"""Outgoing e-mail: SMTP in production and tests, the log in development."""

import logging
import smtplib
from email.message import EmailMessage

from flask import current_app

log = logging.getLogger(__name__)


def build_message(to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    # Header injection is impossible through EmailMessage, but keep subjects one line.
    message["Subject"] = " ".join(subject.split())
    message.set_content(body)
    return message


def send_mail(to: str, subject: str, body: str) -> bool:
    """Send a plain-text mail; False (and a logged error) when the server fails."""
    message = build_message(to, subject, body)
    config = current_app.config
    if config["MAIL_BACKEND"] == "log":
        log.info("mail to %s: %s\n%s", to, message["Subject"], body)
        return True
    try:
        with smtplib.SMTP(
            config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10
        ) as smtp:
            if config["MAIL_USE_TLS"]:
                smtp.starttls()
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException):
        log.exception("could not send mail to %s", to)
        return False
    return True
