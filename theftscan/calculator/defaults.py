"""The default rules, after 《供电营业规则》 (国家发展改革委令2024年第14号, in force 2024-06-01).

Honesty about the sources: the formulas, multiples and fixed amounts below are the long-standing ones
(they were in the 1996 rules, articles 100, 102 and 103, and as far as we know the 2024 rules keep the
same methods). We have NOT verified the article numbers and every multiple against the 2024 text; each
rule's ``note`` says so, and a tenant's administrator should check and edit them (they are data).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

UNVERIFIED = (
    "条文序号及倍数沿用1996年版《供电营业规则》第一百条至第一百零三条的规定，"
    "尚未与国家发展改革委令2024年第14号新版条文逐条核对，使用前请核实并修改。"
)


@dataclass(frozen=True)
class RuleSpec:
    code: str
    formula: str
    name: str
    article: str
    params: dict[str, Any] = field(default_factory=dict)
    note: str = UNVERIFIED


DEFAULT_RULES: tuple[RuleSpec, ...] = (
    RuleSpec(
        "theft",
        "theft",
        "窃电",
        "《供电营业规则》窃电处理条款（窃电量确定方法；补交电费并承担三倍违约使用电费）",
        {"penalty_multiple": 3, "default_days": 180, "default_hours": {"power": 12, "lighting": 6}},
    ),
    RuleSpec(
        "class_change",
        "price_difference",
        "擅自改变用电类别",
        "《供电营业规则》违约用电条款（擅自改变用电类别：补交差额电费并承担二倍差额电费）",
        {"penalty_multiple": 2, "default_months": 3},
    ),
    RuleSpec(
        "over_capacity",
        "capacity_charge",
        "私自超过合同约定容量用电",
        "《供电营业规则》违约用电条款（私增容量：两部制补交基本电费并承担三倍违约使用电费；单一制每千伏安50元）",
        {"penalty_multiple": 3, "single_tariff_yuan_per_kva": 50},
    ),
    RuleSpec(
        "sealed_equipment",
        "capacity_charge",
        "擅自使用已暂停或启用封存的电力设备",
        "《供电营业规则》违约用电条款（两部制补交基本电费并承担二倍违约使用电费；其他用户每次每千瓦（千伏安）30元）",
        {"penalty_multiple": 2, "single_tariff_yuan_per_kva": 30},
    ),
    RuleSpec(
        "meter_tampering",
        "per_occasion",
        "私自迁移、更动或擅自操作用电计量装置等供电设施",
        "《供电营业规则》违约用电条款（居民用户每次500元，其他用户每次5000元）",
        {"residential_yuan": 500, "other_yuan": 5000},
    ),
    RuleSpec(
        "unauthorised_source",
        "per_capacity",
        "擅自引入（供出）电源或将备用电源私自并网",
        "《供电营业规则》违约用电条款（按擅自使用的电源容量每千瓦（千伏安）500元）",
        {"yuan_per_kva": 500},
    ),
)
