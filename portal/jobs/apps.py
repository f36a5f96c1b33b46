from __future__ import annotations

import os
import sys

from django.apps import AppConfig
from django.conf import settings


class JobsConfig(AppConfig):
    name = "portal.jobs"
    label = "jobs"

    def ready(self) -> None:
        from portal.jobs import checks  # noqa: F401  (registers the retention check)

        # Only in the serving process of `runserver` (RUN_MAIN is set in the autoreloader's child).
        serving = os.environ.get("RUN_MAIN") == "true" or "--noreload" in sys.argv
        if settings.JOBS_BACKEND == "inprocess" and serving and "runserver" in sys.argv:
            from portal.jobs.embedded import start_embedded_beat

            start_embedded_beat()
