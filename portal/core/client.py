"""Who is calling: the client's IP address, behind the number of proxies this deployment trusts.

Each proxy in front of the portal appends the address it received the request from to
``X-Forwarded-For``. With ``PORTAL_TRUSTED_PROXY_COUNT`` = N, the last N entries were written by our
own proxies, so the client is the Nth address from the right; anything further left came from the
client itself and is ignored (a resident's phone can put any address there). With N = 0, the
default, the portal faces the network directly and the address is ``REMOTE_ADDR``.

One function for everything that needs the address: the public-form rate limit, the API throttle of
callers without a key, and django-axes (``AXES_CLIENT_IP_CALLABLE``).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    remote = str(request.META.get("REMOTE_ADDR", ""))
    trusted: int = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if len(hops) < trusted:
        # Fewer entries than proxies: the request did not come through all of them, so nothing in
        # the header is ours to believe. The nearest peer is all that is known.
        return remote
    try:
        return str(ipaddress.ip_address(hops[-trusted]))
    except ValueError:  # a proxy that writes something else than an address is misconfigured
        return remote
