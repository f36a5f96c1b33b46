"""Line-loss screening: speed on a whole tenant, and accuracy on two independent generators.

**Speed** — 1,000,000 meters in 10,000 areas from the portal's generator (``portal.meters.synthetic``,
seed 20250101, Jokar h1-h6 theft in 10 % of areas), 180 days written to the meter store through its
write path; timed: reading the nightly window (90 days) plus its 90 days of history for both data
sets, and the one vectorised screening (loss, step fit, flags, scores, ranks, start days) — the part
the issue bounds at 10 s. Baseline: the same steps the usual way, a per-area pandas loop over every
area, timed in the same run (``BENCH_BASELINE_AREAS=200`` times only the first areas and scales).

**Accuracy** — end to end, as a user would run it: for each generator and reporting seed, a tenant of
its own; its grid register imported from CSV (``register_areas`` then ``register_meters`` through
``import_file``), its readings from Parquet (``meter_daily``, ``area_daily``), then ``manage.py
theftscan_run`` over the default nightly window (the last 90 days of 120, history read before it).
The figures (``_accuracy.figures``) come from the same load and screening the command ran
(``persist.screen_tenant``), checked to flag exactly the areas the command saved.

- ``portal`` generator, seeds 201 and 202 (30,000 meters, 300 areas, 100 with theft, from 1 January);
- ``heldout`` generator (``portal.meters.synthetic_heldout``, no shared code or assumptions), seeds
  301 and 302 (300 areas of 30-400 users, a third with theft, from 1 May).

Thresholds and weights were set on the portal generator's seeds 101-104 (``bench/_tune_theftscan.py``)
and not changed after these figures were first seen.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import _common
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
from _accuracy import Truth, figures, thieves_by_type
from django.conf import settings
from django.core.management import call_command

from portal.meters.imports import import_file
from portal.meters.models import ImportBatch
from portal.meters.store import Readings, dataset_lock, read_matrix, stage
from portal.meters.synthetic import GeneratorConfig, SyntheticData, export, generate
from portal.meters.synthetic.households import CUSTOMER_TYPE
from portal.meters.synthetic_heldout import HeldoutConfig, HeldoutData, generate_heldout
from portal.meters.synthetic_heldout import export as heldout_export
from portal.tenancy.models import Tenant
from theftscan.analytics.flags import FlagRules
from theftscan.analytics.scoring import ScoreRules
from theftscan.analytics.screen import Screening, screen
from theftscan.models import AreaPeriod
from theftscan.persist import screen_tenant
from theftscan.services import rules_for

METERS = int(os.environ.get("THEFTSCAN_BENCH_METERS", 1_000_000))
AREAS = int(os.environ.get("THEFTSCAN_BENCH_AREAS", 10_000))
WINDOW = 90
HISTORY = 90
DAYS = WINDOW + HISTORY
SEED = 20250101
START = dt.date(2025, 1, 1)
TARGET_SECONDS = 10.0
PANDAS_AREAS = int(os.environ.get("BENCH_BASELINE_AREAS", AREAS))
ACCURACY_DAYS = 120
REPORT_SEEDS = {"portal": (201, 202), "heldout": (301, 302)}
CUSTOMER_LABEL = {"residential": "居民", "commercial": "一般工商业", "agricultural": "农业", "industrial": "工业"}


# --- speed -------------------------------------------------------------------------------------


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
    """What the nightly job does for the window ending on the last day: history + window, one screen."""
    first = START
    end = START + dt.timedelta(days=DAYS - 1)
    supply = read_matrix(tenant_id, "area_daily", first, end)
    meters = read_matrix(tenant_id, "meter_daily", first, end)
    assert np.array_equal(supply.keys, area_codes)
    return screen(supply.values, meters.values, area_of_meter_by_key, FlagRules(), ScoreRules(), judge_from=HISTORY)


def pandas_loop(supplied: np.ndarray, readings: np.ndarray, area_of_meter: np.ndarray, n_areas: int) -> float:
    """The per-area way: for each area a DataFrame of its users, loss, a step search, scores."""
    rules = FlagRules()
    started = time.perf_counter()
    for a in range(n_areas):
        users = pd.DataFrame(readings[area_of_meter == a].T)
        means = users.mean()
        sold = users.fillna(means).sum(axis=1)
        supply = pd.Series(supplied[a])
        loss = supply - sold
        rate = loss / supply
        split = int(((rate.expanding().mean() - rate[::-1].expanding().mean()[::-1]).abs()).idxmax() or DAYS // 2)
        before, after = rate.iloc[:split], rate.iloc[split:]
        noise = (before - before.median()).abs().median() * 1.4826
        t = (after.mean() - before.mean()) / max(noise, 1e-9) * np.sqrt(len(before) * len(after) / len(rate))
        if (after.mean() - before.mean() >= rules.rise and t >= rules.step_t) or (rate.iloc[HISTORY:] > 0.1).sum() >= 7:
            drop = 1 - users.iloc[split:].mean() / users.iloc[:split].mean()
            corr = users.corrwith(rate)
            _score = (drop.clip(0, 1) + (-corr).clip(0, 1)).rank(ascending=False)
    return time.perf_counter() - started


def speed(figures_out: dict[str, Any]) -> None:
    tenant = _common.bench_tenant("bench-theftscan")
    with _common.timed(figures_out, "generate_s"):
        config = GeneratorConfig(
            meters=METERS, areas=AREAS, days=DAYS, seed=SEED, start=START, theft_areas=int(AREAS * 0.10)
        )
        data = generate(config)
    _common.log(f"generated in {figures_out['generate_s']} s")
    with _common.timed(figures_out, "store_write_s"):
        write(tenant.id, "area_daily", data.grid.area_code, data.dates, data.supplied)
        write(tenant.id, "meter_daily", data.grid.meter_no, data.dates, data.readings)
    key_order = np.argsort(data.grid.meter_no.astype(str), kind="stable")
    area_by_key = data.grid.area_of_meter[key_order]
    area_codes = np.sort(data.grid.area_code.astype(str))
    assert np.array_equal(area_codes, data.grid.area_code.astype(str)), "area codes are generated in order"
    seconds, result = _common.best_of(2, lambda: read_and_screen(tenant.id, area_codes, area_by_key))
    figures_out["read_and_screen_s"] = seconds
    figures_out["target_s"] = TARGET_SECONDS
    started = time.perf_counter()
    screen(data.supplied, data.readings, data.grid.area_of_meter, FlagRules(), ScoreRules(), judge_from=HISTORY)
    figures_out["screen_only_s"] = round(time.perf_counter() - started, 3)
    _common.log(f"read and screen {seconds} s; screen alone {figures_out['screen_only_s']} s")
    loop = pandas_loop(data.supplied, data.readings, data.grid.area_of_meter, PANDAS_AREAS)
    figures_out["pandas_loop_areas"] = PANDAS_AREAS
    figures_out["pandas_loop_s"] = round(loop * AREAS / PANDAS_AREAS, 1)
    figures_out["speedup_vs_pandas_loop"] = round(figures_out["pandas_loop_s"] / figures_out["screen_only_s"], 1)
    truth = portal_truth(data)
    reordered = Truth(truth.area_theft, truth.area_share, truth.user_kind[key_order], truth.user_start[key_order])
    figures_out["million"] = figures(result, reordered)


# --- accuracy, end to end ----------------------------------------------------------------------


def portal_truth(data: SyntheticData) -> Truth:
    """The portal generator's labels, in its own order (h2's theft starts where its meter reads 0)."""
    n_areas, n_users = data.config.areas, data.config.meters
    area_theft = np.zeros(n_areas, dtype=bool)
    share = np.zeros(n_areas)
    kind = np.full(n_users, -1)
    start = np.full(n_users, -1)
    if data.thieves is not None and data.theft_areas is not None:
        share[data.theft_areas.area] = data.theft_areas.stolen_share
        area_theft[data.theft_areas.area] = True
        kind[data.thieves.meter] = data.thieves.kind
        start[data.thieves.meter] = np.where(data.thieves.zero_from >= 0, data.thieves.zero_from, data.thieves.start)
    return Truth(area_theft, share, kind, start)


def heldout_truth(data: HeldoutData) -> Truth:
    n_areas, n_users = len(data.area_code), len(data.meter_no)
    area_theft = np.zeros(n_areas, dtype=bool)
    area_theft[data.theft_areas] = True
    kind = np.full(n_users, -1)
    start = np.full(n_users, -1)
    kind[data.thieves.user] = data.thieves.kind
    start[data.thieves.user] = data.thieves.start
    return Truth(area_theft, data.area_stolen_share, kind, start)


def _csv(columns: dict[str, Any]) -> bytes:
    sink = io.BytesIO()
    pacsv.write_csv(pa.table(columns), sink)
    return sink.getvalue()


def portal_files(data: SyntheticData) -> dict[str, bytes]:
    """The portal generator's grid as the register and readings files a utility would hand over."""
    grid = data.grid
    customer = np.array([CUSTOMER_LABEL[CUSTOMER_TYPE[p]] for p in range(len(CUSTOMER_TYPE))])
    return {
        "register_areas": _csv(
            {"台区编号": grid.area_code.astype(str), "台区名称": np.char.add(grid.area_code.astype(str), "台区")}
        ),
        "register_meters": _csv(
            {
                "表号": grid.meter_no.astype(str),
                "户号": grid.account_no.astype(str),
                "户名": grid.customer_name.astype(str),
                "用户类别": customer[data.population.profile],
                "台区编号": grid.area_code[grid.area_of_meter].astype(str),
            }
        ),
        "meter_daily": export.to_parquet(export.meter_daily_table(data)),
        "area_daily": export.to_parquet(export.area_daily_table(data)),
    }


def heldout_files(data: HeldoutData) -> dict[str, bytes]:
    return {
        "register_areas": heldout_export.register_areas_csv(data),
        "register_meters": heldout_export.register_meters_csv(data),
        "meter_daily": heldout_export.meter_daily_parquet(data),
        "area_daily": heldout_export.area_daily_parquet(data),
    }


def _import_all(tenant: Tenant, files: dict[str, bytes], folder: Path) -> dict[str, float]:
    seconds = {}
    for dataset, content in files.items():
        path = folder / f"{dataset}{'.csv' if dataset.startswith('register') else '.parquet'}"
        path.write_bytes(content)
        started = time.perf_counter()
        batch = import_file(tenant, dataset, path, original_name=path.name, source=ImportBatch.Source.COMMAND)
        seconds[dataset] = round(time.perf_counter() - started, 2)
        assert batch.status == ImportBatch.Status.COMMITTED, (dataset, batch.status, batch.message)
        assert batch.rows_rejected == 0, (dataset, batch.message)
    return seconds


def _in_loaded_order(truth: Truth, area_codes: np.ndarray, meter_nos: np.ndarray, first: dt.date, loaded: Any) -> Truth:
    """The truth re-indexed like the screening's arrays (areas and meters sorted by code, days from
    the first day read; ``first`` is the generator's first day)."""
    area_pos = np.searchsorted(loaded.area_codes, area_codes.astype(str))
    meter_pos = np.searchsorted(loaded.meter_nos, meter_nos.astype(str))
    theft = np.zeros(len(loaded.area_codes), dtype=bool)
    share = np.zeros(len(loaded.area_codes))
    kind = np.full(len(loaded.meter_nos), -1)
    start = np.full(len(loaded.meter_nos), -1)
    theft[area_pos], share[area_pos] = truth.area_theft, truth.area_share
    kind[meter_pos] = truth.user_kind
    # Starts are columns of the generated days; the loaded arrays begin at the first day read.
    offset = int((loaded.dates[0] - np.datetime64(first, "D")).astype(int))
    start[meter_pos] = np.where(truth.user_start >= 0, truth.user_start - offset, -1)
    return Truth(theft, share, kind, start)


def end_to_end(generator: str, seed: int) -> dict[str, Any]:
    slug = f"bench-theft-{generator}-{seed}"
    tenant = _common.bench_tenant(slug)
    data: SyntheticData | HeldoutData
    if generator == "portal":
        data = generate(
            GeneratorConfig(meters=30_000, areas=300, days=ACCURACY_DAYS, seed=seed, start=START, theft_areas=100)
        )
        truth, files = portal_truth(data), portal_files(data)
        area_codes, meter_nos, first = data.grid.area_code, data.grid.meter_no, data.config.start
    else:
        data = generate_heldout(HeldoutConfig(areas=300, days=ACCURACY_DAYS, seed=seed))
        truth, files = heldout_truth(data), heldout_files(data)
        area_codes, meter_nos, first = data.area_code, data.meter_no, data.config.start
    folder = Path(tempfile.mkdtemp(prefix=f"{slug}-"))
    try:
        imports = _import_all(tenant, files, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    last = first + dt.timedelta(days=ACCURACY_DAYS - 1)
    window_start = last - dt.timedelta(days=WINDOW - 1)
    started = time.perf_counter()
    call_command(
        "theftscan_run", tenant=slug, start=window_start.isoformat(), end=last.isoformat(), stdout=io.StringIO()
    )
    command_s = round(time.perf_counter() - started, 2)
    loaded, result = screen_tenant(tenant, window_start, last, rules_for(tenant))
    saved = set(
        AreaPeriod.objects.for_tenant(tenant)
        .filter(start=window_start, end=last, flagged=True)
        .values_list("area__code", flat=True)
    )
    assert saved == set(loaded.area_codes[result.flags.flagged]), "the command saved what the screening flagged"
    out: dict[str, Any] = {
        "generator": generator,
        "seed": seed,
        "users": len(meter_nos),
        "thieves": thieves_by_type(truth),
        "import_s": imports,
        "theftscan_run_s": command_s,
        **figures(result, _in_loaded_order(truth, area_codes, meter_nos, first, loaded)),
    }
    summary = ("area_recall_ge_5pct", "area_recall_all", "area_precision", "user_auc_h1_h4", "top3_hit_rate")
    whole_loaded, whole = screen_tenant(tenant, first, last, rules_for(tenant))
    whole_figures = figures(whole, _in_loaded_order(truth, area_codes, meter_nos, first, whole_loaded))
    out["whole_data_window"] = {k: whole_figures[k] for k in summary}
    # The same window without the history read before it: what the screening did before issue 19.
    no_history = rules_for(tenant)
    no_history.history_days = 0
    bare_loaded, bare = screen_tenant(tenant, window_start, last, no_history)
    bare_figures = figures(bare, _in_loaded_order(truth, area_codes, meter_nos, first, bare_loaded))
    out["window_without_history"] = {k: bare_figures[k] for k in summary}
    _common.log(f"{generator} {seed}: {out}")
    return out


def _mean(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [r[key] for r in runs if r.get(key) is not None]
    return round(float(np.mean(values)), 4) if values else None


def main() -> None:
    result: dict[str, Any] = {
        "name": "theftscan",
        "meters": METERS,
        "areas": AREAS,
        "days": DAYS,
        "rows": METERS * DAYS,
    }
    store = Path(tempfile.mkdtemp(prefix="theftscan-bench-"))
    settings.METER_STORE_PATH = store
    settings.MEDIA_ROOT = store / "media"
    try:
        speed(result)
        runs = [end_to_end(g, s) for g, seeds in REPORT_SEEDS.items() for s in seeds]
    finally:
        shutil.rmtree(store, ignore_errors=True)
    result["runs"] = runs
    keys = ["area_recall_ge_5pct", "area_recall_all", "area_precision", "user_auc_h1_h4", "top3_hit_rate"]
    for generator in REPORT_SEEDS:
        mine = [r for r in runs if r["generator"] == generator]
        result[generator] = {k: _mean(mine, k) for k in keys}
    # The common keys of every benchmark line.
    result["seconds"] = result["read_and_screen_s"]
    result["baseline_seconds"] = result["pandas_loop_s"]
    result["speedup"] = result["speedup_vs_pandas_loop"]
    _common.emit(result)


if __name__ == "__main__":
    main()
