"""The one table of column names a reading file may use, and what each data set needs.

A header is matched after trimming, lower-casing and dropping a unit in brackets, so ``电量(kWh)``,
``电量（千瓦时）`` and ``KWH`` all mean ``kwh``. Documented in docs/meter-data.md — keep them in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# canonical name -> every accepted header; the first is the Chinese name used in reports.
ALIASES: dict[str, tuple[str, ...]] = {
    "meter_no": ("表号", "电表号", "电能表号", "表计编号", "电表编号", "meter_no", "meter", "meter_number"),
    "area_code": ("台区编号", "台区编码", "台区号", "area_code", "area"),
    "date": ("日期", "数据日期", "抄表日期", "date", "day"),
    "kwh": ("电量", "日电量", "用电量", "kwh", "consumption_kwh"),
    "supplied_kwh": ("供电量", "日供电量", "台区供电量", "supplied_kwh", "supply_kwh"),
    "timestamp": ("时间", "数据时间", "采集时间", "timestamp", "ts", "datetime"),
    "kw": ("负荷", "有功功率", "功率", "kw", "load_kw"),
}

_LOOKUP: dict[str, str] = {alias.lower(): name for name, aliases in ALIASES.items() for alias in aliases}
_UNIT = re.compile(r"\s*[（(][^()（）]*[)）]\s*$")


@dataclass(frozen=True)
class DatasetSpec:
    key: str  # column holding the meter number or area code
    time: str  # "date" or "timestamp"
    value: str
    key_label: Promise  # what the key is, for reasons ("unknown meter")

    @property
    def daily(self) -> bool:
        return self.time == "date"

    @property
    def required(self) -> tuple[str, str, str]:
        return (self.key, self.time, self.value)


SPECS: dict[str, DatasetSpec] = {
    "meter_daily": DatasetSpec("meter_no", "date", "kwh", _("meter")),
    "area_daily": DatasetSpec("area_code", "date", "supplied_kwh", _("transformer area")),
    "interval": DatasetSpec("meter_no", "timestamp", "kw", _("meter")),
}


def normalise(header: object) -> str:
    text = str(header if header is not None else "").replace("\ufeff", "").strip()
    return _UNIT.sub("", text).strip().lower()


def canonical(header: object) -> str | None:
    return _LOOKUP.get(normalise(header))


def chinese_name(name: str) -> str:
    return ALIASES[name][0]
