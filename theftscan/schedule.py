"""The nightly beat entry of theftscan, to merge into ``CELERY_BEAT_SCHEDULE`` in settings.

After the meter drop-folder import (every 24 h) has had its time: 02:30 Beijing time.
"""

from __future__ import annotations

from celery.schedules import crontab

BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    "theftscan-nightly-screen": {
        "task": "theftscan.tasks.enqueue_nightly_screens",
        "schedule": crontab(hour=2, minute=30),
    },
}
