"""The held-out grid as import files (bytes): the register (areas, meters) in CSV with Chinese headers,
the readings in Parquet, in the formats of docs/meter-data.md. Names and addresses are made up."""

from __future__ import annotations

import io

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from portal.meters.synthetic_heldout.consumption import SHOP
from portal.meters.synthetic_heldout.generator import HeldoutData

_SURNAMES = np.array(list("赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张"))
_GIVEN = np.array(["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明"])


def _csv(table: pa.Table) -> bytes:
    sink = io.BytesIO()
    pacsv.write_csv(table, sink)
    return sink.getvalue()


def register_areas_csv(data: HeldoutData) -> bytes:
    n = len(data.area_code)
    index = np.arange(n)
    return _csv(
        pa.table(
            {
                "台区编号": data.area_code.astype(str),
                "台区名称": np.char.add(np.char.add("北辰", (index + 1).astype(str)), "号台区"),
                "容量(kVA)": np.array([200, 315, 400, 630])[index % 4],
                "考核表号": np.char.add("K", data.area_code.astype(str)),
                "纬度": np.round(39.20 + (index % 37) * 0.003, 6),
                "经度": np.round(117.10 + (index % 41) * 0.003, 6),
            }
        )
    )


def register_meters_csv(data: HeldoutData) -> bytes:
    n = len(data.meter_no)
    rng = np.random.default_rng([data.config.seed, 7])
    names = np.char.add(_SURNAMES[rng.integers(0, len(_SURNAMES), n)], _GIVEN[rng.integers(0, len(_GIVEN), n)])
    kinds = np.where(data.user_kind == SHOP, "一般工商业", "居民")
    return _csv(
        pa.table(
            {
                "表号": data.meter_no.astype(str),
                "户号": np.char.add("H", data.meter_no.astype(str)),
                "户名": names,
                "用户类别": kinds,
                "台区编号": data.area_code[data.area_of_user].astype(str),
            }
        )
    )


def _long(keys: np.ndarray, dates: np.ndarray, values: np.ndarray, names: tuple[str, str, str]) -> bytes:
    row, day = np.nonzero(~np.isnan(values))
    table = pa.table(
        {
            names[0]: pc.take(pa.array(keys.astype(str)), pa.array(row)),
            names[1]: pa.array(dates[day]),
            names[2]: pa.array(np.round(values[row, day].astype(np.float64), 2)),
        }
    )
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def meter_daily_parquet(data: HeldoutData) -> bytes:
    return _long(data.meter_no, data.dates, data.readings, ("meter_no", "date", "kwh"))


def area_daily_parquet(data: HeldoutData) -> bytes:
    return _long(data.area_code, data.dates, data.supplied, ("area_code", "date", "supplied_kwh"))
