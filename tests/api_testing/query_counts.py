"""Committed query counts of API lists, measured at 3 and at 30 rows.

``query_counts.json`` holds, per list endpoint, the queries its list costs a partner key at 3 rows and
at 30 rows — the same number, or the endpoint reads something row by row (N+1). A test compares what
it measures with the committed figure exactly, so a change in either direction is seen in review.
After a change that adds or removes a query on purpose, regenerate the file and commit it::

    PORTAL_UPDATE_QUERY_COUNTS=1 scripts/with-services.sh scripts/pytest.sh tests -k query -p no:playwright
"""

from __future__ import annotations

import json
import os
from pathlib import Path

BASELINES = Path(__file__).with_name("query_counts.json")
UPDATE_VARIABLE = "PORTAL_UPDATE_QUERY_COUNTS"
ROWS = (3, 30)

# What this run measured, per endpoint and number of rows (to compare 3 with 30 while updating).
_measured: dict[str, dict[int, int]] = {}


def _load() -> dict[str, dict[str, int]]:
    if not BASELINES.exists():
        return {}
    loaded: dict[str, dict[str, int]] = json.loads(BASELINES.read_text())
    return loaded


def _save(baselines: dict[str, dict[str, int]]) -> None:
    BASELINES.write_text(json.dumps(baselines, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def updating() -> bool:
    return os.environ.get(UPDATE_VARIABLE) == "1"


def check(endpoint: str, rows: int, queries: list[str]) -> None:
    """Fail unless ``queries`` (the SQL of one list request) match the committed count for ``rows``."""
    measured = len(queries)
    seen = _measured.setdefault(endpoint, {})
    seen[rows] = measured
    listing = "\n".join(f"  {n + 1}. {sql[:200]}" for n, sql in enumerate(queries))
    if updating():
        assert len(set(seen.values())) == 1, f"{endpoint}: {seen} queries — the list grows with its rows (N+1)"
        baselines = _load()
        baselines.setdefault(endpoint, {})[str(rows)] = measured
        _save(baselines)
        return
    committed = _load().get(endpoint)
    assert committed is not None, (
        f"{endpoint} has no committed query count: run with {UPDATE_VARIABLE}=1 and commit {BASELINES.name}"
    )
    assert len(set(committed.values())) == 1, f"{endpoint}: committed {committed} — 30 rows may not cost more than 3"
    assert measured == committed[str(rows)], (
        f"{endpoint} at {rows} rows: {measured} queries, {committed[str(rows)]} committed "
        f"(if on purpose, run with {UPDATE_VARIABLE}=1 and commit {BASELINES.name}):\n{listing}"
    )
