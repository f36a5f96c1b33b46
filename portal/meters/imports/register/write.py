"""Writing a validated register into the grid tables: insert new rows, update changed ones, date moves.

Natural keys: an area by its code, a meter by its number (both unique per tenant), so a second
import of the same rows changes nothing and a corrected file updates in place. A meter whose area
changes keeps its row — and so its id, its cases and, since readings are keyed by meter number, its
whole history in the store — and gets a ``MeterMove`` dated by the file's ``moved_on`` (else the
day of the import).

Areas (tens of thousands at most) go through the ORM on every database. Meters can be a million:
on PostgreSQL they are COPYed into a temporary table and merged with three set-based statements
(moves, updates, inserts); the embedded SQLite path does the same comparisons in pandas and writes
with ``bulk_create`` (slower, fine for a demo grid).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
from django.db import connection
from django.utils.translation import gettext_noop

from portal.jobs.messages import Progress
from portal.meters.imports.register.validation import RegisterRows
from portal.meters.models import Feeder, ImportBatch, Meter, MeterMove, TransformerArea, Village
from portal.tenancy.models import Tenant

BULK = 2000


@dataclass(frozen=True)
class Counts:
    created: int
    updated: int
    moved: int = 0


def _differs(old: pd.Series, new: pd.Series) -> np.ndarray:
    """Element-wise "not the same value", with missing equal to missing."""
    both_missing = old.isna().to_numpy() & new.isna().to_numpy()
    equal = (old.astype(object).to_numpy() == new.astype(object).to_numpy()) | both_missing
    return ~equal


def _normalised(frame: pd.DataFrame, column: str) -> pd.Series:
    """A column in the one form both sides are compared in: texts as str, numbers as float, dates
    as datetime64, ids as float (NaN for none)."""
    values = frame[column]
    if column in ("latitude", "longitude"):
        return pd.to_numeric(values, errors="coerce").astype(float).round(6)
    if column in ("capacity_kva", "feeder_id", "village_id", "area_id"):
        return pd.to_numeric(values, errors="coerce").astype(float)
    if column in ("installed_on",):
        return pd.to_datetime(values, errors="coerce")
    return values.fillna("").astype(str)


def _changed(existing: pd.DataFrame, incoming: pd.DataFrame, fields: list[str]) -> np.ndarray:
    """Per incoming row that has an existing twin (same index order), whether any field differs."""
    changed = np.zeros(len(incoming), dtype=bool)
    for name in fields:
        changed |= _differs(_normalised(existing, name), _normalised(incoming, name))
    return changed


# --- areas -------------------------------------------------------------------------------------


def _feeder_ids(tenant: Tenant, rows: pd.DataFrame) -> pd.Series:
    codes = rows["feeder_code"]
    names = rows.get("feeder_name", codes)
    wanted = pd.DataFrame({"code": codes, "name": names.where(names != "", codes)})
    wanted = wanted[wanted["code"] != ""].drop_duplicates("code")
    Feeder.objects.bulk_create(
        [Feeder(tenant=tenant, code=c, name=n) for c, n in zip(wanted["code"], wanted["name"], strict=True)],
        ignore_conflicts=True,
        batch_size=BULK,
    )
    if "feeder_name" in rows:
        named = wanted[wanted["name"] != wanted["code"]]
        known = dict(Feeder.objects.for_tenant(tenant).values_list("code", "name"))
        stale = [c for c, n in zip(named["code"], named["name"], strict=True) if known.get(c) != n]
        for code in stale:  # feeders are a handful per file: a row each is fine
            Feeder.objects.for_tenant(tenant).filter(code=code).update(
                name=dict(zip(named["code"], named["name"], strict=True))[code]
            )
    ids = dict(Feeder.objects.for_tenant(tenant).values_list("code", "id"))
    return codes.map(ids).astype("Float64")


def _village_ids(tenant: Tenant, rows: pd.DataFrame) -> pd.Series:
    names = rows["village"]
    townships = rows["township"] if "township" in rows else pd.Series("", index=rows.index)
    wanted = pd.DataFrame({"name": names, "township": townships})
    wanted = wanted[wanted["name"] != ""].drop_duplicates()
    Village.objects.bulk_create(
        [Village(tenant=tenant, name=n, township=t) for n, t in zip(wanted["name"], wanted["township"], strict=True)],
        ignore_conflicts=True,
        batch_size=BULK,
    )
    found = {(t, n): pk for pk, t, n in Village.objects.for_tenant(tenant).values_list("id", "township", "name")}
    return pd.Series([found.get((t, n)) for t, n in zip(townships, names, strict=True)], index=rows.index).astype(
        "Float64"
    )


AREA_FIELDS = {
    "area_name": "name",
    "capacity_kva": "capacity_kva",
    "supply_meter_no": "supply_meter_no",
    "latitude": "latitude",
    "longitude": "longitude",
}


def _none(value: Any) -> Any:
    return None if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA else value


def write_areas(tenant: Tenant, register: RegisterRows) -> Counts:
    rows = register.rows.copy()
    present = set(register.present)
    fields = [AREA_FIELDS[c] for c in AREA_FIELDS if c in present]
    rows = rows.rename(columns=AREA_FIELDS)
    if "feeder_code" in present:
        rows["feeder_id"] = _feeder_ids(tenant, register.rows)
        fields.append("feeder_id")
    if "village" in present:
        rows["village_id"] = _village_ids(tenant, register.rows)
        fields.append("village_id")
    existing = pd.DataFrame.from_records(
        TransformerArea.objects.for_tenant(tenant)
        .filter(code__in=list(rows["area_code"]))
        .values("id", "code", *fields),
        columns=["id", "code", *fields],
    ).set_index("code")
    known = rows["area_code"].isin(existing.index).to_numpy()
    twins = existing.reindex(rows["area_code"][known]).reset_index(drop=True)
    changed = np.zeros(len(rows), dtype=bool)
    changed[known] = _changed(twins, rows[known].reset_index(drop=True), fields)
    write = rows[~known | changed]
    objects = [
        TransformerArea(tenant=tenant, code=record["area_code"], **{f: _none(record.get(f)) for f in fields})
        for record in write.to_dict("records")
    ]
    for obj in objects:  # the model's required text fields must not be None
        obj.name = obj.name or ""
        obj.supply_meter_no = obj.supply_meter_no or ""
    TransformerArea.objects.bulk_create(
        objects,
        batch_size=BULK,
        update_conflicts=True,
        unique_fields=["tenant", "code"],
        update_fields=[*(f.removesuffix("_id") for f in fields), "updated_at"],
    )
    return Counts(created=int((~known).sum()), updated=int(changed.sum()))


# --- meters ------------------------------------------------------------------------------------

METER_TEXT = ("account_no", "customer_name", "customer_type", "address", "status")
METER_DEFAULTS = {"customer_type": Meter.CustomerType.RESIDENTIAL, "status": Meter.Status.ACTIVE}
METER_OPTIONAL = (*METER_TEXT, "latitude", "longitude", "installed_on")


def _meter_rows(tenant: Tenant, register: RegisterRows) -> tuple[pd.DataFrame, list[str]]:
    """The rows with the area's village beside the area, and the optional fields the file has."""
    rows = register.rows
    villages = dict(TransformerArea.objects.for_tenant(tenant).values_list("id", "village_id"))
    rows = rows.assign(village_id=rows["area_id"].map(villages).astype("Float64"))
    return rows, [c for c in METER_OPTIONAL if c in register.present]


def write_meters(tenant: Tenant, register: RegisterRows, batch: ImportBatch, today: dt.date, say: Progress) -> Counts:
    rows, fields = _meter_rows(tenant, register)
    if connection.vendor == "postgresql":
        return _write_meters_postgresql(tenant, rows, fields, batch, today, say)
    return _write_meters_orm(tenant, rows, fields, batch, today, say)


def _stage_table(rows: pd.DataFrame) -> pa.Table:
    """The staging columns, in order, as Arrow (NULL where a value is absent)."""

    def text(name: str) -> pa.Array:
        return pa.array(rows[name].astype(str).tolist() if name in rows else [None] * len(rows), type=pa.string())

    def number(name: str) -> pa.Array:
        return pa.array(rows[name].astype(float) if name in rows else np.full(len(rows), np.nan), from_pandas=True)

    def ids(name: str) -> pa.Array:
        return pa.array(rows[name].astype("Float64").astype("Int64"), type=pa.int64(), from_pandas=True)

    def day(name: str) -> pa.Array:
        if name not in rows:
            return pa.nulls(len(rows), type=pa.date32())
        return pa.array(pd.to_datetime(rows[name]).dt.date, type=pa.date32(), from_pandas=True)

    return pa.table(
        {
            "meter_no": text("meter_no"),
            "area_id": ids("area_id"),
            "village_id": ids("village_id"),
            **{name: text(name) for name in METER_TEXT},
            "latitude": number("latitude"),
            "longitude": number("longitude"),
            "installed_on": day("installed_on"),
            "moved_on": day("moved_on"),
        }
    )


STAGE = "meters_register_stage"
STAGE_DDL = f"""
CREATE TEMPORARY TABLE {STAGE} (
    meter_no varchar(40) NOT NULL, area_id bigint NOT NULL, village_id bigint,
    account_no varchar(40), customer_name varchar(60), customer_type varchar(16), address varchar(200),
    status varchar(12), latitude numeric(9, 6), longitude numeric(9, 6), installed_on date, moved_on date
) ON COMMIT DROP
"""


def _write_meters_postgresql(
    tenant: Tenant, rows: pd.DataFrame, fields: list[str], batch: ImportBatch, today: dt.date, say: Progress
) -> Counts:
    table = _stage_table(rows)
    buffer = io.BytesIO()
    pacsv.write_csv(table, buffer, pacsv.WriteOptions(include_header=False, quoting_style="needed"))
    # Text columns the file has: an empty cell is "" (it clears the field), never NULL.
    not_null = ", ".join(name for name in METER_TEXT if name in fields) or None
    options = "FORMAT csv" + (f", FORCE_NOT_NULL ({not_null})" if not_null else "")
    params: dict[str, Any] = {"tenant": tenant.pk, "today": today, "batch": batch.pk}
    with connection.cursor() as cursor:
        # ON COMMIT DROP tidies after the import's transaction; inside a longer one (the test suite's)
        # an earlier import's table may still be there.
        cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
        cursor.execute(STAGE_DDL)
        with cursor.copy(f"COPY {STAGE} ({', '.join(table.column_names)}) FROM STDIN ({options})") as copy:
            view = buffer.getbuffer()
            for start in range(0, len(view), 1 << 20):
                copy.write(view[start : start + (1 << 20)])
        cursor.execute(f"ANALYZE {STAGE}")
        say(70, gettext_noop("Recording the meters that moved to another area"))
        cursor.execute(
            f"""
            INSERT INTO meters_metermove (tenant_id, meter_id, from_area_id, to_area_id, moved_on, batch_id,
                                          created_at, updated_at)
            SELECT %(tenant)s, m.id, m.area_id, s.area_id, COALESCE(s.moved_on, %(today)s), %(batch)s, now(), now()
            FROM {STAGE} s JOIN meters_meter m ON m.tenant_id = %(tenant)s AND m.meter_no = s.meter_no
            WHERE m.area_id IS DISTINCT FROM s.area_id
            """,
            params,
        )
        moved = cursor.rowcount
        say(80, gettext_noop("Updating the changed rows"))
        compared = ["area_id", *fields]
        assignments = ", ".join(f"{name} = s.{name}" for name in fields)
        cursor.execute(
            f"""
            UPDATE meters_meter m SET area_id = s.area_id,
                village_id = CASE WHEN m.area_id IS DISTINCT FROM s.area_id AND s.village_id IS NOT NULL
                                  THEN s.village_id ELSE m.village_id END,
                {assignments + "," if assignments else ""} updated_at = now()
            FROM {STAGE} s
            WHERE m.tenant_id = %(tenant)s AND m.meter_no = s.meter_no
              AND ({", ".join(f"m.{c}" for c in compared)}) IS DISTINCT FROM ({", ".join(f"s.{c}" for c in compared)})
            """,
            params,
        )
        updated = cursor.rowcount
        say(90, gettext_noop("Adding the new rows"))
        text_values = ", ".join(f"COALESCE(s.{name}, '{METER_DEFAULTS.get(name, '')}')" for name in METER_TEXT)
        cursor.execute(
            f"""
            INSERT INTO meters_meter (tenant_id, meter_no, area_id, village_id, {", ".join(METER_TEXT)},
                                      grid_cell, latitude, longitude, installed_on, created_at, updated_at)
            SELECT %(tenant)s, s.meter_no, s.area_id, s.village_id, {text_values},
                   '', s.latitude, s.longitude, s.installed_on, now(), now()
            FROM {STAGE} s
            WHERE NOT EXISTS (SELECT 1 FROM meters_meter m WHERE m.tenant_id = %(tenant)s AND m.meter_no = s.meter_no)
            ON CONFLICT (tenant_id, meter_no) DO NOTHING
            """,
            params,
        )
        created = cursor.rowcount
        cursor.execute(f"DROP TABLE {STAGE}")
    return Counts(created=created, updated=updated, moved=moved)


def _write_meters_orm(
    tenant: Tenant, rows: pd.DataFrame, fields: list[str], batch: ImportBatch, today: dt.date, say: Progress
) -> Counts:
    compared = ["area_id", *fields]
    existing = pd.DataFrame.from_records(
        Meter.objects.for_tenant(tenant)
        .filter(meter_no__in=list(rows["meter_no"]))
        .values("id", "meter_no", "village_id", *compared),
        columns=["id", "meter_no", "village_id", *compared],
    ).set_index("meter_no")
    known = rows["meter_no"].isin(existing.index).to_numpy()
    twins = existing.reindex(rows["meter_no"][known]).reset_index()
    incoming = rows[known].reset_index(drop=True)
    changed = np.zeros(len(rows), dtype=bool)
    changed[known] = _changed(twins, incoming, compared)
    moved = _differs(_normalised(twins, "area_id"), _normalised(incoming, "area_id"))
    moved_on = incoming["moved_on"] if "moved_on" in incoming else pd.Series(pd.NaT, index=incoming.index)
    say(70, gettext_noop("Recording the meters that moved to another area"))
    MeterMove.objects.bulk_create(
        [
            MeterMove(
                tenant=tenant,
                meter_id=int(twins["id"][i]),
                from_area_id=_none(twins["area_id"][i]),
                to_area_id=int(incoming["area_id"][i]),
                moved_on=today if pd.isna(moved_on[i]) else pd.Timestamp(moved_on[i]).date(),
                batch=batch,
            )
            for i in np.flatnonzero(moved)
        ],
        batch_size=BULK,
    )
    say(80, gettext_noop("Updating the changed rows"))
    write = rows[~known | changed]
    village_of = dict(zip(twins["meter_no"], twins["village_id"], strict=True))
    area_of = dict(zip(twins["meter_no"], twins["area_id"], strict=True))
    objects = []
    for record in write.to_dict("records"):
        values = {f: _none(record.get(f)) for f in fields}
        for name in METER_TEXT:
            if name in values and values[name] is None:
                values[name] = METER_DEFAULTS.get(name, "")
        if "installed_on" in values and values["installed_on"] is not None:
            values["installed_on"] = pd.Timestamp(values["installed_on"]).date()
        number = record["meter_no"]
        village = _none(record.get("village_id"))
        if (number in area_of and area_of[number] == record["area_id"]) or village is None:
            village = _none(village_of.get(number))
        objects.append(
            Meter(
                tenant=tenant,
                meter_no=number,
                area_id=int(record["area_id"]),
                village_id=None if village is None else int(village),
                **values,
            )
        )
    Meter.objects.bulk_create(
        objects,
        batch_size=BULK,
        update_conflicts=True,
        unique_fields=["tenant", "meter_no"],
        update_fields=["area", "village", *fields, "updated_at"],
    )
    return Counts(created=int((~known).sum()), updated=int(changed.sum()), moved=int(moved.sum()))
