"""The client's address, also behind reverse proxies.

Behind nginx or a load balancer every request comes from the proxy's address, so a limit keyed on REMOTE_ADDR
would be one bucket for the whole city. The proxies append the address they received the request from to
X-Forwarded-For; only they can be believed, since a client can send that header with anything in it. So the
header is read only when the request comes from a trusted proxy (settings.TRUSTED_PROXIES: addresses or CIDR
networks), and from the right: the first address that is not a trusted proxy is the client.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@lru_cache(maxsize=8)
def networks(entries):
    """The networks of TRUSTED_PROXIES entries ("10.0.0.5", "10.1.0.0/16", "::1"); ImproperlyConfigured if one is
    neither an address nor a network."""
    found = []
    for entry in entries:
        try:
            found.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(f"TRUSTED_PROXIES: {entry!r} is neither an IP address nor a network") from None
    return tuple(found)


def parse_address(text):
    """An ipaddress address for `text`, an IPv4 address mapped into IPv6 as IPv4; None if it is not one."""
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def is_trusted(address, trusted):
    return address is not None and any(address in network for network in trusted)


def client_address(request):
    """The address of the client that sent `request`, as text ("" when the server does not know it).

    X-Forwarded-For is read only from a trusted proxy, and from the right, skipping trusted proxies; if the
    header holds no usable address, the nearest proxy's address stands for the client."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = networks(tuple(settings.TRUSTED_PROXIES))
    nearest = parse_address(remote)
    if not is_trusted(nearest, trusted):
        return str(nearest) if nearest is not None else remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        address = parse_address(hop)
        if address is None:  # not an address: a proxy only appends addresses, so a client wrote it
            break
        nearest = address
        if not is_trusted(address, trusted):
            break
    return str(nearest)
