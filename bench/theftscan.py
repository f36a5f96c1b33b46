"""Line-loss screening of a whole tenant: 10,000 areas, 1 M users, 90 days, with accuracy on the labels.

Data: the synthetic generator (``portal.meters.synthetic``, Jokar h1-h6 theft in 10 % of areas,
3-6 % technical loss), written to the meter store through its own write path. Timed: reading both
data sets from the store, plus the one vectorised screening (loss, flags, scores, ranks) — the part
the issue bounds at 10 s. The baseline is the same screening written the usual way, a per-area
pandas loop, timed in the same run over every area (about a minute and a half on the 2-core machine;
``BENCH_BASELINE_AREAS=200`` times only the first areas and scales, for a quick look). Accuracy is
computed against the truth:

- area_recall: flagged / theft areas whose stolen share is >= 5 %;
- area_precision: flagged areas that are theft areas (any share) / flagged;
- user_auc_h1_h4, user_auc_h5, user_auc_h6: AUC of the user score, thieves of those types against
  honest users, within flagged areas;
- top3_hit_rate: flagged areas with a true thief among their three top-ranked users.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import time
from pathlib import Path

import _common
import numpy as np
import pandas as pd
import pyarrow as pa
from django.conf import settings

from portal.meters.store import Readings, dataset_lock, read_matrix, stage
from portal.meters.synthetic import GeneratorConfig, generate
from theftscan.analytics.flags import FlagRules
from theftscan.analytics.scoring import ScoreRules
from theftscan.analytics.screen import Screening, screen

METERS = int(os.environ.get("THEFTSCAN_BENCH_METERS", 1_000_000))
AREAS = int(os.environ.get("THEFTSCAN_BENCH_AREAS", 10_000))
DAYS = 90
THEFT_SHARE_OF_AREAS = 0.10
SEED = 20250101
START = dt.date(2025, 1, 1)
TARGET_SECONDS = 10.0
PANDAS_AREAS = int(os.environ.get("BENCH_BASELINE_AREAS", AREAS))


def write(tenant_id: int, dataset: str, keys: np.ndarray, dates: np.ndarray, values: np.ndarray) -> None:
    key_array = pa.array(keys.astype(str))
    months = dates.astype("datetime64[M]")
    for batch_id, month in enumerate(np.unique(months), start=1):
        columns = np.flatnonzero(months == month)
        block = values[:, columns]
        row, day = np.nonzero(~np.isnan(block))
        batch = Readings(key_array, row.astype(np.int32), dates[columns][day], block[row, day].astype(np.float32))
        with dataset_lock(tenant_id, dataset) as root:
            stage(root, dataset, batch_id, batch).publish()


def read_and_screen(tenant_id: int, area_codes: np.ndarray, area_of_meter_by_key: np.ndarray) -> Screening:
    end = START + dt.timedelta(days=DAYS - 1)
    supply = read_matrix(tenant_id, "area_daily", START, end)
    meters = read_matrix(tenant_id, "meter_daily", START, end)
    assert np.array_equal(supply.keys, area_codes)
    return screen(supply.values, meters.values, area_of_meter_by_key, FlagRules(), ScoreRules())


def pandas_loop(supplied: np.ndarray, readings: np.ndarray, area_of_meter: np.ndarray, n_areas: int) -> float:
    """The per-area way: for each area a DataFrame of its users, loss, rule, scores."""
    rules = FlagRules()
    started = time.perf_counter()
    for a in range(n_areas):
        users = pd.DataFrame(readings[area_of_meter == a].T)
        means = users.mean()
        sold = users.fillna(means).sum(axis=1)
        supply = pd.Series(supplied[a])
        loss = supply - sold
        rate = loss / supply
        base = rate.iloc[: rules.baseline_days].median()
        over = (rate > rules.threshold) | (rate > base + rules.rise)
        runs = over.groupby((~over).cumsum()).cumsum().max()
        if runs >= rules.persistence_days:
            split = int((rate.expanding().mean().diff().abs()).idxmax() or DAYS // 2)
            before, after = users.iloc[:split].mean(), users.iloc[split:].mean()
            drop = 1 - after / before
            corr = users.corrwith(loss)
            _score = (drop.clip(0, 1) + (-corr).clip(0, 1)).rank(ascending=False)
    return time.perf_counter() - started


def auc(positive: np.ndarray, negative: np.ndarray) -> float:
    if not len(positive) or not len(negative):
        return float("nan")
    ranks = pd.Series(np.concatenate([positive, negative])).rank().to_numpy()
    return float(
        (ranks[: len(positive)].sum() - len(positive) * (len(positive) + 1) / 2) / (len(positive) * len(negative))
    )


def accuracy(result: Screening, data: object, meter_row_of_generated: np.ndarray) -> dict[str, float]:
    d = data  # SyntheticData
    thieves, areas = d.thieves, d.theft_areas  # type: ignore[attr-defined]
    share = np.zeros(AREAS)
    share[areas.area] = areas.stolen_share
    is_theft = np.zeros(AREAS, dtype=bool)
    is_theft[areas.area] = True
    flagged = result.flags.flagged
    big = share >= 0.05
    kind = np.full(METERS, -1)
    kind[meter_row_of_generated[thieves.meter]] = thieves.kind
    s = result.scores
    k = kind[s.user]
    honest = s.score[k == -1]
    top3 = s.rank_in_area <= 3
    areas_hit = np.unique(s.area[top3 & (k >= 0)])
    flagged_ids = np.flatnonzero(flagged)
    return {
        "area_recall": round(float((flagged & big).sum() / max(big.sum(), 1)), 4),
        "area_precision": round(float((flagged & is_theft).sum() / max(flagged.sum(), 1)), 4),
        "user_auc_h1_h4": round(auc(s.score[np.isin(k, [0, 1, 2, 3])], honest), 4),
        "top3_hit_rate": round(float(np.isin(flagged_ids, areas_hit).mean()) if len(flagged_ids) else 0.0, 4),
        "user_auc_h5": round(auc(s.score[k == 4], honest), 4),
        "user_auc_h6": round(auc(s.score[k == 5], honest), 4),
        "flagged_areas": int(flagged.sum()),
        "theft_areas": int(is_theft.sum()),
        "theft_areas_ge_5pct": int(big.sum()),
    }


def main() -> None:
    figures: dict[str, float | int | str] = {
        "name": "theftscan",
        "meters": METERS,
        "areas": AREAS,
        "days": DAYS,
        "rows": METERS * DAYS,
    }
    tenant = _common.bench_tenant("bench-theftscan")
    store = Path(tempfile.mkdtemp(prefix="theftscan-bench-"))
    settings.METER_STORE_PATH = store
    try:
        with _common.timed(figures, "generate_s"):
            config = GeneratorConfig(
                meters=METERS,
                areas=AREAS,
                days=DAYS,
                seed=SEED,
                start=START,
                theft_areas=int(AREAS * THEFT_SHARE_OF_AREAS),
            )
            data = generate(config)
        _common.log(f"generated in {figures['generate_s']} s")
        with _common.timed(figures, "store_write_s"):
            write(tenant.id, "area_daily", data.grid.area_code, data.dates, data.supplied)
            write(tenant.id, "meter_daily", data.grid.meter_no, data.dates, data.readings)
        # The store returns keys sorted; map each sorted key back to its generated row and area.
        key_order = np.argsort(data.grid.meter_no.astype(str), kind="stable")
        row_of_generated = np.empty(METERS, dtype=np.int64)
        row_of_generated[key_order] = np.arange(METERS)
        area_by_key = data.grid.area_of_meter[key_order]
        area_codes = np.sort(data.grid.area_code.astype(str))
        assert np.array_equal(area_codes, data.grid.area_code.astype(str)), "area codes are generated in order"
        seconds, result = _common.best_of(2, lambda: read_and_screen(tenant.id, area_codes, area_by_key))
        figures["read_and_screen_s"] = seconds
        figures["target_s"] = TARGET_SECONDS
        started = time.perf_counter()
        screen(data.supplied, data.readings, data.grid.area_of_meter, FlagRules(), ScoreRules())
        figures["screen_only_s"] = round(time.perf_counter() - started, 3)
        loop = pandas_loop(data.supplied, data.readings, data.grid.area_of_meter, PANDAS_AREAS)
        figures["pandas_loop_s_for_areas"] = PANDAS_AREAS
        figures["pandas_loop_s_measured"] = round(loop, 3)
        figures["pandas_loop_s_scaled"] = round(loop * AREAS / PANDAS_AREAS, 1)
        figures["speedup_vs_pandas_loop"] = round(figures["pandas_loop_s_scaled"] / figures["screen_only_s"], 1)  # type: ignore[operator]
        # The common keys of every benchmark line.
        figures["seconds"] = figures["read_and_screen_s"]
        figures["baseline_seconds"] = figures["pandas_loop_s_scaled"]
        figures["speedup"] = figures["speedup_vs_pandas_loop"]
        figures.update(accuracy(result, data, row_of_generated))
    finally:
        shutil.rmtree(store, ignore_errors=True)
    _common.emit(figures)


if __name__ == "__main__":
    main()
