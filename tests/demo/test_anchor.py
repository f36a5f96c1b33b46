"""The demo's "today": the day it was first loaded, kept, so a fresh installation looks live and a second
load on a later day changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from careband.demo import demo_grid as care_grid
from portal.demo.anchor import demo_days_before, demo_today
from portal.demo.models import DemoAnchor
from theftscan.demo import demo_grid as theft_grid

pytestmark = pytest.mark.django_db


def test_the_first_call_anchors_the_demo_on_today_and_later_calls_keep_that_day() -> None:
    assert demo_today() == timezone.localdate()
    DemoAnchor.objects.filter(pk=1).update(day=dt.date(2026, 1, 10))  # as if first loaded on 10 January
    assert demo_today() == dt.date(2026, 1, 10)
    assert demo_days_before(1) == dt.date(2026, 1, 9)


def test_the_meter_grids_of_the_demo_end_on_its_yesterday() -> None:
    DemoAnchor.objects.create(pk=1, day=dt.date(2026, 12, 3))
    for grid in (theft_grid(), care_grid()):
        last = grid.config.start + dt.timedelta(days=grid.config.days - 1)
        # 120 days from 5 August 2026 (3 December − 120 days) end on 2 December.
        assert (grid.config.start, last) == (dt.date(2026, 8, 5), dt.date(2026, 12, 2))
