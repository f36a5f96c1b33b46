"""Theft screening's declaration to the core (see portal/core/contract.py)."""

from __future__ import annotations

from celery.schedules import crontab

from portal.core.contract import BeatEntry, ProgrammeApp

PROGRAMME = ProgrammeApp(
    code="theftscan",
    beat=(
        # After the night's meter files have had their time: 02:30 Beijing time.
        BeatEntry("theftscan-nightly-screen", "theftscan.tasks.enqueue_nightly_screens", crontab(hour=2, minute=30)),
    ),
    demo_after_commit="theftscan.demo:load",
)
