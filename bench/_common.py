"""What every benchmark shares: Django set up outside manage.py, a tenant of its own, timing, the JSON line.

Benchmarks run inside ``scripts/with-services.sh`` (fresh PostgreSQL and Redis, DATABASE_URL/REDIS_URL
set, migrated by ``scripts/run-bench.sh``). They are not tests: they measure, print, and clean up.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from portal.tenancy.models import Tenant  # noqa: E402


def bench_tenant(slug: str) -> Tenant:
    tenant, _ = Tenant.objects.get_or_create(slug=slug, defaults={"name": f"基准测试 {slug}"})
    return tenant


@contextmanager
def timed(into: dict[str, float], key: str) -> Iterator[None]:
    started = time.perf_counter()
    yield
    into[key] = round(time.perf_counter() - started, 3)


def best_of(runs: int, work: Callable[[], Any]) -> tuple[float, Any]:
    """Shortest wall time of ``runs`` calls, and the last result."""
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    return round(best, 3), result


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def emit(figures: dict[str, Any]) -> None:
    """The benchmark's result: one JSON object on the last line of standard output."""
    print(json.dumps(figures, ensure_ascii=False), flush=True)
