"""The demo's "today": time series of the demo end on the day it was first loaded, not on a fixed date.

A first look at a fresh installation shows a live portal (yesterday's care codes, this month's
sessions, meetings of last week), and a second ``load_demo`` — the next day or a year later — finds
the same anchor and changes nothing. Programme demos place their rows relative to ``demo_today()``
(e.g. ``demo_today() - timedelta(days=120)`` as the first day of a synthetic grid), never
``date.today()``.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from portal.demo.models import DemoAnchor


def demo_today() -> date:
    anchor, _created = DemoAnchor.objects.get_or_create(pk=1, defaults={"day": timezone.localdate()})
    return anchor.day


def demo_days_before(days: int) -> date:
    """The day ``days`` before the demo's today (``demo_days_before(1)`` is its yesterday)."""
    return demo_today() - timedelta(days=days)
