"""Sending real SMTP into the inbound server (the `inbound` fixture, conftest.py)."""

import smtplib
import time
from email.message import EmailMessage


def send(inbound, message: EmailMessage, envelope_from: str | None = None):
    """Send over SMTP and wait for the outcome the server recorded for it."""
    handler = inbound.handler
    before = len(handler.outcomes)
    with smtplib.SMTP(inbound.hostname, inbound.port, timeout=10) as smtp:
        smtp.send_message(message, from_addr=envelope_from)
    deadline = time.monotonic() + 5
    while len(handler.outcomes) == before and time.monotonic() < deadline:
        time.sleep(0.01)
    return handler.outcomes[-1]
