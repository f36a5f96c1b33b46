"""A small fixed-window rate limit for public pages that take no login (DRF throttles the API).

Counters live in the cache: Redis in production (shared by every web process), local memory in the
embedded portal. A rate is written like DRF's: "10/hour", "3/minute". Callers are told apart by
``portal.core.client.client_address`` (behind the trusted proxies, never the client's own claim).
"""

from __future__ import annotations

import time

from django.core.cache import cache

_PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'10/hour' → (10, 3600)."""
    count, _slash, period = rate.partition("/")
    return int(count), _PERIODS[period.strip().lower()]


def allow(scope: str, ident: str, rate: str) -> bool:
    """Count one attempt; False once ``ident`` has used up ``rate`` in the current window."""
    limit, window = parse_rate(rate)
    key = f"ratelimit:{scope}:{ident}:{int(time.time() // window)}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # the window's key expired between add and incr
        cache.set(key, 1, timeout=window)
        return True
