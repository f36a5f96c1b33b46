"""Checks of a register file (areas or meters), row by row in effect but vectorised in practice.

Every refused row gets its reason in the error report (row, column, value, reason, as for readings).
A column absent from the file is not checked and not written; a present column's empty cell
clears the field (numbers and dates to nothing, texts to "").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from django.utils.translation import gettext as _

from portal.meters.imports.columns import RegisterSpec
from portal.meters.imports.parsing import ParsedFile
from portal.meters.imports.validation import Findings, as_text, parse_numbers, parse_times
from portal.meters.models import Meter, TransformerArea

# Mainland China and its islands, with a margin: a point outside is a typing error or swapped axes.
LATITUDE = (3.5, 54.0)
LONGITUDE = (73.0, 136.0)
MAX_CAPACITY_KVA = 100_000

CUSTOMER_TYPES: Mapping[str, str] = {
    **dict.fromkeys(("居民", "城乡居民", "居民生活", "住宅", "residential"), Meter.CustomerType.RESIDENTIAL),
    **dict.fromkeys(("商业", "一般工商业", "工商业", "非居民", "commercial"), Meter.CustomerType.COMMERCIAL),
    **dict.fromkeys(("农业", "农业生产", "农排", "agricultural"), Meter.CustomerType.AGRICULTURAL),
    **dict.fromkeys(("工业", "大工业", "industrial"), Meter.CustomerType.INDUSTRIAL),
}
STATUSES: Mapping[str, str] = {
    **dict.fromkeys(("正常", "在用", "运行", "active"), Meter.Status.ACTIVE),
    **dict.fromkeys(("暂停", "暂拆", "suspended"), Meter.Status.SUSPENDED),
    **dict.fromkeys(("销户", "拆除", "已拆除", "removed"), Meter.Status.REMOVED),
}
TEXT_LIMITS = {
    "area_code": TransformerArea._meta.get_field("code").max_length,
    "area_name": TransformerArea._meta.get_field("name").max_length,
    "feeder_code": 40,
    "feeder_name": 100,
    "supply_meter_no": TransformerArea._meta.get_field("supply_meter_no").max_length,
    "village": 100,
    "township": 100,
    "meter_no": Meter._meta.get_field("meter_no").max_length,
    "account_no": Meter._meta.get_field("account_no").max_length,
    "customer_name": Meter._meta.get_field("customer_name").max_length,
    "address": Meter._meta.get_field("address").max_length,
}
DATE_COLUMNS = ("installed_on", "moved_on")


@dataclass
class RegisterRows:
    rows: pd.DataFrame  # the accepted rows, one per key, canonical columns, cleaned
    present: tuple[str, ...]  # the spec's columns the file has
    problems: pd.DataFrame
    rows_total: int
    rows_rejected: int

    @property
    def rows_accepted(self) -> int:
        return self.rows_total - self.rows_rejected


def _texts(column: pa.Array) -> np.ndarray:
    return pc.utf8_trim_whitespace(as_text(column)).to_numpy(zero_copy_only=False).astype(object)


def _check_texts(found: Findings, texts: dict[str, np.ndarray], spec: RegisterSpec) -> None:
    for name in spec.required:
        found.add(texts[name] == "", name, _("This cell is empty."))
    for name, values in texts.items():
        limit = TEXT_LIMITS.get(name)
        if limit is not None:
            too_long = pd.Series(values).str.len().to_numpy() > limit
            found.add(too_long, name, _("Too long: at most %(n)d characters.") % {"n": limit})


def _coordinates(found: Findings, parsed: ParsedFile, texts: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Latitude and longitude as float (NaN = none), both or neither, inside China."""
    out: dict[str, np.ndarray] = {}
    if "latitude" not in texts and "longitude" not in texts:
        return out
    empty = {
        name: texts[name] == "" if name in texts else np.ones(parsed.rows, bool) for name in ("latitude", "longitude")
    }
    for name, (low, high) in (("latitude", LATITUDE), ("longitude", LONGITUDE)):
        if name not in texts:
            continue
        other = "longitude" if name == "latitude" else "latitude"
        values = parse_numbers(parsed.columns[name])
        found.add(empty[name] & ~empty[other], name, _("Give latitude and longitude together."))
        found.add(~empty[name] & ~np.isfinite(values), name, _("Not a number."))
        outside = np.isfinite(values) & ((values < low) | (values > high))
        found.add(
            outside,
            name,
            _("Not a place in China (latitude 3.5–54, longitude 73–136): mistyped, or latitude and longitude swapped?"),
        )
        out[name] = np.where(np.isfinite(values), np.round(values, 6), np.nan)
    return out


def _dates(found: Findings, parsed: ParsedFile, texts: dict[str, np.ndarray], today: dt.date) -> dict[str, np.ndarray]:
    out: dict[str, np.ndarray] = {}
    for name in DATE_COLUMNS:
        if name not in texts:
            continue
        days = parse_times(parsed.columns[name], "D")
        found.add(np.isnat(days) & (texts[name] != ""), name, _("Not a date: write it as YYYY-MM-DD."))
        found.add(~np.isnat(days) & (days > np.datetime64(today, "D")), name, _("Date in the future."))
        out[name] = days
    return out


def _choices(
    found: Findings, texts: dict[str, np.ndarray], name: str, table: Mapping[str, str], default: str, reason: str
) -> np.ndarray | None:
    if name not in texts:
        return None
    lowered = pd.Series(texts[name]).str.lower()
    mapped = lowered.map({k.lower(): v for k, v in table.items()})
    found.add((mapped.isna() & (lowered != "")).to_numpy(), name, reason)
    return mapped.fillna(default).to_numpy(dtype=object)


def _duplicates(found: Findings, frame: pd.DataFrame, key: str, label: str) -> np.ndarray:
    """Refuse every row of a key given twice with different contents; return the rows to keep
    (identical repeats collapse to their first row)."""
    good = np.flatnonzero(~found.bad)
    candidates = frame.iloc[good]
    repeated = candidates[key].duplicated(keep=False).to_numpy()
    if repeated.any():
        group = candidates[repeated].astype(str)
        variants = group.drop_duplicates().groupby(key, sort=False).size()
        clashing_keys = variants[variants > 1].index
        clash = group[key].isin(clashing_keys).to_numpy()
        if clash.any():
            positions = good[repeated][clash]
            rows = found.parsed.row_numbers[positions]
            keys = group[key].to_numpy()[clash]
            rows_of = pd.Series(rows).groupby(keys).agg(list).to_dict()
            reasons = np.empty(len(found.bad), dtype=object)
            template = _("Same %(what)s as row %(rows)s, but different contents.")
            # One reason per clashing row, naming the others: a loop over the clashes only.
            for position, row, k in zip(positions, rows, keys, strict=True):
                others = "、".join(str(r) for r in rows_of[k] if r != row)
                reasons[position] = template % {"what": label, "rows": others}
            mask = np.zeros(len(found.bad), dtype=bool)
            mask[positions] = True
            found.add(mask, key, reasons)
    good = np.flatnonzero(~found.bad)
    return good[~frame.iloc[good][key].duplicated(keep="first").to_numpy()]


def _finish(found: Findings, parsed: ParsedFile, frame: pd.DataFrame, spec: RegisterSpec, label: str) -> RegisterRows:
    keep = _duplicates(found, frame, spec.key, label)
    present = tuple(name for name in (*spec.required, *spec.optional) if name in parsed.columns)
    return RegisterRows(
        rows=frame.iloc[keep].reset_index(drop=True),
        present=present,
        problems=found.frame(),
        rows_total=parsed.rows + parsed.rows_unreadable,
        rows_rejected=int(found.bad.sum()) + parsed.rows_unreadable,
    )


def validate_areas(parsed: ParsedFile, spec: RegisterSpec) -> RegisterRows:
    found = Findings(parsed)
    texts = {name: _texts(column) for name, column in parsed.columns.items()}
    _check_texts(found, texts, spec)
    frame = pd.DataFrame(texts)
    if "capacity_kva" in texts:
        capacity = parse_numbers(parsed.columns["capacity_kva"])
        given = texts["capacity_kva"] != ""
        whole = np.isfinite(capacity) & (capacity == np.round(capacity)) & (capacity > 0)
        bad = given & ~(whole & (capacity <= MAX_CAPACITY_KVA))
        found.add(bad, "capacity_kva", _("The capacity must be a whole number of kVA, 1 to 100000."))
        frame["capacity_kva"] = pd.array(np.where(whole, capacity, np.nan), dtype="Float64").astype("Int64")
    for name, values in _coordinates(found, parsed, texts).items():
        frame[name] = values
    return _finish(found, parsed, frame, spec, str(_("area code")))


def validate_meters(
    parsed: ParsedFile,
    spec: RegisterSpec,
    areas: Mapping[str, int],
    supply_meters: set[str],
    today: dt.date,
) -> RegisterRows:
    """``areas``: the tenant's area codes → ids; ``supply_meters``: its areas' own meters."""
    found = Findings(parsed)
    texts = {name: _texts(column) for name, column in parsed.columns.items()}
    _check_texts(found, texts, spec)
    frame = pd.DataFrame(texts)
    area_ids = pd.Series(texts["area_code"]).map(areas)
    unknown = (area_ids.isna() & (pd.Series(texts["area_code"]) != "")).to_numpy()
    found.add(unknown, "area_code", _("Unknown transformer area: this code is not in the company's area register."))
    frame["area_id"] = area_ids.astype("Int64")
    is_supply = pd.Series(texts["meter_no"]).isin(supply_meters).to_numpy()
    found.add(is_supply, "meter_no", _("This is a transformer area's own meter, not a customer's."))
    types = _choices(
        found,
        texts,
        "customer_type",
        CUSTOMER_TYPES,
        Meter.CustomerType.RESIDENTIAL,
        _("Unknown customer type: use 居民, 商业 (一般工商业), 农业 or 工业."),
    )
    if types is not None:
        frame["customer_type"] = types
    statuses = _choices(
        found, texts, "status", STATUSES, Meter.Status.ACTIVE, _("Unknown status: use 正常, 暂停 or 销户.")
    )
    if statuses is not None:
        frame["status"] = statuses
    for name, values in (*_coordinates(found, parsed, texts).items(), *_dates(found, parsed, texts, today).items()):
        frame[name] = values
    return _finish(found, parsed, frame, spec, str(_("meter number")))
