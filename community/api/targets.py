"""Where webhooks may be sent: https, public addresses, never the hub itself.

A name is resolved when a hook is registered and again before every request,
and the request goes to the address that was vetted (delivery.py pins it), so
a name that later resolves to 127.0.0.1 or 10.0.0.5 gets nothing.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import gettext as _


class TargetRefused(ValueError):
    """Not an address the hub will send to."""


def public_addresses(host: str, port: int) -> list[str]:
    """The host's addresses, all of them public; TargetRefused otherwise."""
    try:
        found = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        raise TargetRefused(_("That host name does not resolve.")) from None
    addresses = [info[4][0] for info in found]
    for address in addresses:
        if not ipaddress.ip_address(address.split("%")[0]).is_global:
            raise TargetRefused(
                _("That address is private, loopback or reserved: not allowed.")
            )
    return addresses


def check_target(url: str) -> tuple[str, int, list[str]]:
    """(host, port, vetted addresses) for an https URL the hub may call."""
    parts = urlsplit(url.strip())
    if parts.scheme != "https" or not parts.hostname:
        raise TargetRefused(_("Give an https:// address."))
    if parts.username or parts.password:
        raise TargetRefused(_("Leave user names and passwords out of the address."))
    try:
        port = parts.port or 443
    except ValueError:
        raise TargetRefused(_("That port is not a number from 1 to 65535.")) from None
    site_host = urlsplit(current_app.config["SITE_URL"]).hostname or ""
    host = parts.hostname.lower().rstrip(".")
    if host == site_host.lower():
        raise TargetRefused(_("Webhooks cannot call the hub itself."))
    addresses = public_addresses(host, port)
    if set(addresses) & own_addresses(site_host):
        raise TargetRefused(_("Webhooks cannot call the hub itself."))
    return host, port, addresses


def own_addresses(site_host: str) -> set[str]:
    """The addresses the hub's own name resolves to (none if it does not)."""
    try:
        return {info[4][0] for info in socket.getaddrinfo(site_host, None)}
    except (OSError, UnicodeError):
        return set()
