"""Beat entries for ``CELERY_BEAT_SCHEDULE`` (merge into settings): scoring at 02:30 Beijing time, after
the meter drop folder has been imported; escalation every 10 minutes."""

from __future__ import annotations

from celery.schedules import crontab

CAREBAND_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    "careband-nightly": {"task": "careband.tasks.enqueue_nightly", "schedule": crontab(hour=2, minute=30)},
    "careband-escalation": {"task": "careband.tasks.enqueue_escalation", "schedule": 10 * 60.0},
}
