"""The inbound SMTP server (`flask mail-in`): aiosmtpd in front of inbound.receive().

Run it on a private port behind the organisation's MX (docs/inbound-mail.md): the
MX relays mail for reply+...@ and bounce+...@ here. Recipients that are not ours
are refused during the SMTP dialogue (550), so nothing is accepted and bounced
later to a possibly forged sender (backscatter); everything else is accepted
(250) and then posted or refused and logged by inbound.receive().
"""

import logging

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from flask import Flask

from community.extensions import db
from community.notifications import inbound

log = logging.getLogger(__name__)
MAX_MESSAGE_BYTES = 1_048_576  # a reply is text: a megabyte is plenty


class InboundHandler:
    """aiosmtpd handler; each mail is handled in its own app context."""

    def __init__(self, app: Flask):
        self.app = app
        self.outcomes: list[inbound.Outcome] = []  # the latest few, for tests

    async def handle_RCPT(  # noqa: N802 - aiosmtpd API
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options
    ) -> str:
        with self.app.app_context():
            if not inbound.is_ours(address):
                return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802 - aiosmtpd API
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        with self.app.app_context():
            try:
                outcome = inbound.receive(
                    envelope.mail_from or "", envelope.rcpt_tos, envelope.content
                )
            except Exception:  # a bad mail must not stop the server
                log.exception("inbound mail could not be handled")
                db.session.rollback()
                return "451 4.3.0 Try again later"
            finally:
                db.session.remove()
        self.outcomes = [*self.outcomes[-50:], outcome]
        return "250 OK"


def make_server(app: Flask, host: str, port: int) -> Controller:
    """The SMTP server, not yet started."""
    return Controller(
        InboundHandler(app),
        hostname=host,
        port=port,
        data_size_limit=MAX_MESSAGE_BYTES,
    )
