"""Embedded mode (`make run`): the beat schedule runs in a daemon thread of the web process.

Production runs `celery beat`; the embedded portal has no broker, so this loop reads the same
``CELERY_BEAT_SCHEDULE`` and runs each due task locally. Task names in the schedule are their import
paths, so they can be found without a worker.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime
from typing import Any

from celery.schedules import maybe_schedule
from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)
_started = threading.Event()


def start_embedded_beat() -> None:
    if _started.is_set():
        return
    _started.set()
    threading.Thread(target=_loop, name="portal-embedded-beat", daemon=True).start()


def _loop() -> None:
    entries: dict[str, Any] = {
        name: maybe_schedule(entry["schedule"]) for name, entry in settings.CELERY_BEAT_SCHEDULE.items()
    }
    # Start as if each ran at start-up: the first runs come one interval later, not in a burst.
    last_run: dict[str, datetime] = {name: timezone.now() for name in entries}
    while True:
        for name, schedule in entries.items():
            due, _next = schedule.is_due(last_run[name])
            if due:
                last_run[name] = timezone.now()
                _run(name)
        time.sleep(5)


def _run(name: str) -> None:
    entry = settings.CELERY_BEAT_SCHEDULE[name]
    close_old_connections()
    try:
        import_string(str(entry["task"])).apply(args=entry.get("args", ()), kwargs=entry.get("kwargs", {}))
    except Exception:  # one failing periodic task must not stop the others
        log.exception("embedded beat: %s failed", name)
    finally:
        close_old_connections()
