"""The generator's output as bytes: import files in the documented format and the separate truth file.

Serialising to bytes (not to paths) keeps this package free of I/O; the management command and the
benchmarks decide where the bytes go. Every writer is deterministic: the same data give the same bytes.
"""

from __future__ import annotations

import io
import json
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from portal.meters.synthetic import calendar
from portal.meters.synthetic.generator import SyntheticData
from portal.meters.synthetic.households import PROFILE_NAMES
from portal.meters.synthetic.spells import Spells
from portal.meters.synthetic.theft import THEFT_TYPES

METER_COLUMNS = ("meter_no", "date", "kwh")
AREA_COLUMNS = ("area_code", "date", "supplied_kwh")
TRUTH_VERSION = 1


def long_table(keys: np.ndarray, dates: np.ndarray, values: np.ndarray, columns: tuple[str, str, str]) -> pa.Table:
    """One row per present (key, day), key-major; missing days (NaN) have no row at all."""
    row, day = np.nonzero(~np.isnan(values))
    return pa.table(
        {
            columns[0]: pc.take(pa.array(keys.astype(str)), pa.array(row)),
            columns[1]: pa.array(dates[day]),
            # Readings carry 0.01 kWh; rounding in float64 makes "12.34", not "12.3400001".
            columns[2]: pa.array(np.round(values[row, day].astype(np.float64), 2)),
        }
    )


def meter_daily_table(data: SyntheticData) -> pa.Table:
    return long_table(data.grid.meter_no, data.dates, data.readings, METER_COLUMNS)


def area_daily_table(data: SyntheticData) -> pa.Table:
    return long_table(data.grid.area_code, data.dates, data.supplied, AREA_COLUMNS)


def to_csv(table: pa.Table) -> bytes:
    """UTF-8 CSV with a plain header line (pyarrow would quote the header's names)."""
    sink = io.BytesIO()
    sink.write((",".join(table.column_names) + "\n").encode("utf-8"))
    pacsv.write_csv(table, sink, pacsv.WriteOptions(include_header=False, quoting_style="none"))
    return sink.getvalue()


def to_parquet(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd", write_statistics=True)
    return sink.getvalue()


def _iso(dates: np.ndarray, index: np.ndarray) -> list[str]:
    return [str(d) for d in dates[index]]


def _spell_events(kind: str, keys: np.ndarray, dates: np.ndarray, spells: Spells, key: str) -> list[dict[str, Any]]:
    starts, lasts = _iso(dates, spells.start), _iso(dates, spells.end - 1)
    return [
        {"type": kind, key: str(keys[r]), "start": s, "end": e, "days": int(n)}
        for r, s, e, n in zip(spells.row, starts, lasts, spells.end - spells.start, strict=True)
    ]


def _round(value: float) -> float | None:
    return None if np.isnan(value) else round(float(value), 6)


def truth(data: SyntheticData) -> dict[str, Any]:
    """The labels: what was injected where. ``end`` is the last day of a spell (inclusive)."""
    grid, dates, cfg = data.grid, data.dates, data.config
    care = data.care_events
    care_list = _spell_events("care", grid.meter_no, dates, care.spells, "meter_no")
    for item, kind, factor in zip(care_list, care.kind, care.factor, strict=True):
        item["type"] = str(kind)
        item["magnitude"] = _round(factor)  # multiplier on that day's ordinary use
    sf = calendar.spring_festival_offset(dates)
    return {
        "version": TRUTH_VERSION,
        "config": {
            "meters": cfg.meters,
            "areas": cfg.areas,
            "days": cfg.days,
            "seed": cfg.seed,
            "start": cfg.start.isoformat(),
            "theft_areas": cfg.theft_areas,
            "care_subjects": cfg.care_subjects,
        },
        "spring_festival": sorted({str(d) for d in dates[sf == 0]}),
        "meters": {
            "meter_no": [str(m) for m in grid.meter_no],
            "area_code": [str(a) for a in grid.area_code[grid.area_of_meter]],
            "profile": [PROFILE_NAMES[p] for p in data.population.profile],
            "family_size": data.population.family_size.tolist(),
        },
        "areas": {
            "area_code": [str(a) for a in grid.area_code],
            "technical_loss": [_round(v) for v in data.technical_loss],
        },
        "care_subjects": [str(m) for m in grid.meter_no[data.care_subjects]],
        "events": care_list
        + _spell_events("outage", grid.meter_no, dates, data.meter_outages, "meter_no")
        + _spell_events("area_outage", grid.area_code, dates, data.area_outages, "area_code"),
        "theft_areas": _theft_areas(data),
        "thieves": _thieves(data),
    }


def _theft_areas(data: SyntheticData) -> list[dict[str, Any]]:
    areas = data.theft_areas
    if areas is None:
        return []
    return [
        {
            "area_code": str(data.grid.area_code[a]),
            "start": str(data.dates[s]),
            "target_share": _round(t),
            "stolen_share": _round(share),
            "stolen_kwh": _round(kwh),
        }
        for a, s, t, share, kwh in zip(
            areas.area, areas.start, areas.target_share, areas.stolen_share, areas.stolen_kwh, strict=True
        )
    ]


def _thieves(data: SyntheticData) -> list[dict[str, Any]]:
    t = data.thieves
    if t is None:
        return []
    last = str(data.dates[-1])
    rows = zip(t.meter, t.area, t.kind, t.start, t.alpha, t.zero_from, t.zero_to, t.scale, t.stolen_kwh, strict=True)
    return [
        {
            "meter_no": str(data.grid.meter_no[m]),
            "area_code": str(data.grid.area_code[a]),
            "type": THEFT_TYPES[k],
            "start": str(data.dates[s]),
            "end": last,
            "alpha": _round(alpha),
            "zeroed": [str(data.dates[z0]), str(data.dates[z1 - 1])] if z0 >= 0 else None,
            "scale": _round(scale),
            "stolen_kwh": _round(kwh),
        }
        for m, a, k, s, alpha, z0, z1, scale, kwh in rows
    ]


def truth_json(data: SyntheticData) -> bytes:
    return json.dumps(truth(data), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
