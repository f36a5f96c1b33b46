"""The one table of column names an import file may use, and what each data set needs.

A header is matched after trimming, lower-casing and dropping a unit in brackets, so ``电量(kWh)``,
``电量（千瓦时）`` and ``KWH`` all mean ``kwh``. Documented in docs/meter-data.md — keep them in step.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from portal.imports.report import normalise_header

# canonical name -> every accepted header; the first is the Chinese name used in reports.
ALIASES: dict[str, tuple[str, ...]] = {
    "meter_no": ("表号", "电表号", "电能表号", "表计编号", "电表编号", "meter_no", "meter", "meter_number"),
    "area_code": ("台区编号", "台区编码", "台区号", "area_code", "area"),
    "date": ("日期", "数据日期", "抄表日期", "date", "day"),
    "kwh": ("电量", "日电量", "用电量", "kwh", "consumption_kwh"),
    "supplied_kwh": ("供电量", "日供电量", "台区供电量", "supplied_kwh", "supply_kwh"),
    "timestamp": ("时间", "数据时间", "采集时间", "timestamp", "ts", "datetime"),
    "kw": ("负荷", "有功功率", "功率", "kw", "load_kw"),
    # The grid register (台区档案, 电表档案) as a utility's marketing system exports it.
    "area_name": ("台区名称", "名称", "area_name"),
    "capacity_kva": ("容量", "变压器容量", "配变容量", "capacity_kva", "capacity"),
    "feeder_code": ("线路编号", "所属线路", "线路", "feeder_code", "feeder"),
    "feeder_name": ("线路名称", "feeder_name"),
    "supply_meter_no": ("考核表号", "总表号", "台区总表号", "supply_meter_no", "supply_meter"),
    "village": ("村/社区", "村社区", "所属村", "村庄", "社区", "village"),
    "township": ("乡镇/街道", "乡镇街道", "乡镇", "街道", "township"),
    "latitude": ("纬度", "latitude", "lat"),
    "longitude": ("经度", "longitude", "lon", "lng"),
    "account_no": ("户号", "用户编号", "客户编号", "account_no", "account"),
    "customer_name": ("户名", "用户名称", "客户名称", "customer_name"),
    "customer_type": ("用户类别", "用电类别", "客户类别", "customer_type"),
    "address": ("用电地址", "地址", "address"),
    "status": ("状态", "电表状态", "status"),
    "installed_on": ("装表日期", "安装日期", "installed_on"),
    "moved_on": ("变更日期", "迁移日期", "moved_on"),
}

_LOOKUP: dict[str, str] = {alias.lower(): name for name, aliases in ALIASES.items() for alias in aliases}


@dataclass(frozen=True)
class DatasetSpec:
    """A reading data set: one key, one time, one value column."""

    key: str  # column holding the meter number or area code
    time: str  # "date" or "timestamp"
    value: str
    key_label: Promise  # what the key is, for reasons ("unknown meter")

    @property
    def daily(self) -> bool:
        return self.time == "date"

    @property
    def required(self) -> tuple[str, ...]:
        return (self.key, self.time, self.value)

    @property
    def optional(self) -> tuple[str, ...]:
        return ()

    @property
    def numeric(self) -> tuple[str, ...]:
        """Columns the CSV reader may parse as numbers straight away."""
        return (self.value,)


@dataclass(frozen=True)
class RegisterSpec:
    """A register data set: rows keyed by a natural key, some columns required, the rest optional.

    A column absent from the file leaves that field of existing rows as it is; a column present
    with an empty cell clears it (the file is the marketing system's record)."""

    key: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    numeric: tuple[str, ...] = ()  # read as text: numbers are checked (and reported) by the validation


REGISTER_SPECS: dict[str, RegisterSpec] = {
    "register_areas": RegisterSpec(
        key="area_code",
        required=("area_code", "area_name"),
        optional=(
            "capacity_kva",
            "feeder_code",
            "feeder_name",
            "supply_meter_no",
            "village",
            "township",
            "latitude",
            "longitude",
        ),
    ),
    "register_meters": RegisterSpec(
        key="meter_no",
        required=("meter_no", "area_code"),
        optional=(
            "account_no",
            "customer_name",
            "customer_type",
            "address",
            "latitude",
            "longitude",
            "status",
            "installed_on",
            "moved_on",
        ),
    ),
}
ALL_DATASETS = (*REGISTER_SPECS, "meter_daily", "area_daily", "interval")


SPECS: dict[str, DatasetSpec] = {
    "meter_daily": DatasetSpec("meter_no", "date", "kwh", _("meter")),
    "area_daily": DatasetSpec("area_code", "date", "supplied_kwh", _("transformer area")),
    "interval": DatasetSpec("meter_no", "timestamp", "kw", _("meter")),
}


normalise = normalise_header  # the one rule for every import (portal.imports.report)


def canonical(header: object) -> str | None:
    return _LOOKUP.get(normalise(header))


def chinese_name(name: str) -> str:
    return ALIASES[name][0]
