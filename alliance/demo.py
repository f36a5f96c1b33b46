"""The Binhai alliance's demo rows: members, service types with 12345 clocks, the fifteen communities
and 南港工业区 with their contacts, canned replies, and the Nangang hookup templates (22 standard
steps → 13 alliance steps) with one project. Idempotent: every row is found by its natural key first.

Needs the unit's organisations (the loader's records step) to exist: members are looked up by name.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from alliance import clocks
from alliance.models import (
    CannedReply,
    EnterpriseProfile,
    Hookup,
    HookupStep,
    HookupTemplate,
    Member,
    PlaceContact,
    Project,
    ServicePlace,
    ServiceType,
    StepProgress,
)
from portal.audit.actions import save_audited
from portal.demo.data.binhai import COMMUNITIES
from portal.demo.records import ACTOR
from portal.stakeholders.models import Organisation
from portal.tenancy.models import Tenant

# (organisation name, utility, hotline); the power member is the unit itself, as an organisation.
MEMBERS = (
    ("滨海水务公司", "water", "022-25201111"),
    ("国网天津滨海供电公司", "power", "95598"),
    ("滨海燃气公司", "gas", "022-25202222"),
    ("滨海热力公司", "heating", "022-25203333"),
    ("滨海通信公司", "telecom", "10000"),
    ("南港污水处理公司", "sewage", "022-25204444"),
)

# (code, name, utility, life or property at risk, resolve hours)
TYPES = (
    ("water-outage", "停水或水压低", "water", False, 24),
    ("water-leak", "管道漏水", "water", False, 24),
    ("power-outage", "停电", "power", False, 24),
    ("power-danger", "线路打火、电线落地", "power", True, 4),
    ("gas-leak", "燃气泄漏", "gas", True, 4),
    ("heating-cold", "暖气不热", "heating", False, 48),
    ("telecom-cable", "楼道废旧线缆", "telecom", False, 120),
    ("sewage-blocked", "污水管道堵塞", "sewage", False, 72),
)

# The standard process per utility as (step, expected days) and the alliance process's steps.
STANDARD = {
    "power": (("用电申请", 2), ("现场勘查", 3), ("供电方案答复", 10), ("设计审查", 5), ("中间检查", 3),
              ("竣工检验", 3), ("装表接电", 3)),
    "water": (("用水申请", 2), ("现场踏勘", 3), ("方案设计", 7), ("施工", 15), ("验收通水", 3)),
    "gas": (("用气申请", 2), ("方案设计", 7), ("合同签订", 3), ("施工", 15), ("置换通气", 2)),
    "heating": (("用热申请", 2), ("方案设计", 7), ("施工接入", 15)),
    "sewage": (("排水申请", 2), ("接管审批", 5)),
}  # fmt: skip
ALLIANCE = {
    "power": (("联合勘查受理", 2), ("供电方案答复", 5), ("竣工检验", 2), ("装表接电", 2)),
    "water": (("联合勘查受理", 2), ("设计施工", 15), ("验收通水", 2)),
    "gas": (("联合勘查受理", 2), ("设计施工", 15), ("置换通气", 2)),
    "heating": (("联合勘查受理", 2), ("设计施工接入", 15)),
    "sewage": (("联合受理审批", 3),),
}  # fmt: skip

CANNED = (
    ("acknowledged", "已接单", "您的诉求已由联盟成员单位接单，我们将尽快安排人员上门。"),
    ("in_progress", "已到场", "工作人员已到达现场处理。"),
    ("resolved", "已处理完毕", "问题已处理完毕，请您确认并对我们的服务进行评价。"),
)


def _members(tenant: Tenant, tally: Counter[str]) -> dict[str, Member]:
    found: dict[str, Member] = {}
    for name, utility, hotline in MEMBERS:
        org = Organisation.objects.for_tenant(tenant).filter(name=name).first()
        if org is None:
            org = Organisation(tenant=tenant, name=name, kind=Organisation.Kind.UTILITY_MEMBER)
            save_audited(org, ACTOR)
            tally["stakeholders.Organisation"] += 1
        member, created = Member.objects.for_tenant(tenant).get_or_create(
            tenant=tenant, organisation=org, defaults={"utility": utility, "hotline": hotline}
        )
        tally["alliance.Member"] += created
        found[utility] = member
    return found


def _types(tenant: Tenant, members: dict[str, Member], tally: Counter[str]) -> None:
    for code, name, utility, life_risk, hours in TYPES:
        receipt = clocks.default_receipt(utility, life_risk)
        _obj, created = ServiceType.objects.for_tenant(tenant).get_or_create(
            tenant=tenant,
            code=code,
            defaults={
                "name": name,
                "utility": utility,
                "member": members[utility],
                "life_risk": life_risk,
                "receipt_minutes": receipt.minutes,
                "receipt_working_days": receipt.working_days,
                "resolve_hours": hours,
            },
        )
        tally["alliance.ServiceType"] += created


def _places(tenant: Tenant, members: dict[str, Member], tally: Counter[str]) -> None:
    places: list[tuple[str, str, dict[str, Any]]] = [
        (name, "community", {"address": f"滨海新区{name}社区", "wechat_group": f"{name}公共服务群"})
        for name in COMMUNITIES
    ]
    places.append(("南港工业区", "park", {"address": "滨海新区南港工业区"}))
    for name, kind, extra in places:
        place, created = ServicePlace.objects.for_tenant(tenant).get_or_create(
            tenant=tenant, name=name, defaults={"kind": kind, **extra}
        )
        tally["alliance.ServicePlace"] += created
        for n, member in enumerate(members.values(), start=1):
            _c, made = PlaceContact.objects.for_tenant(tenant).get_or_create(
                tenant=tenant, place=place, member=member, defaults={"phone": f"022-2530{n:04d}"}
            )
            tally["alliance.PlaceContact"] += made


def _templates(tenant: Tenant, tally: Counter[str]) -> dict[tuple[str, str], HookupTemplate]:
    made: dict[tuple[str, str], HookupTemplate] = {}
    for process, table, label in (("standard", STANDARD, "常规流程"), ("alliance", ALLIANCE, "联盟流程")):
        for utility, steps in table.items():
            template, created = HookupTemplate.objects.for_tenant(tenant).get_or_create(
                tenant=tenant, utility=utility, process=process, defaults={"name": f"{utility} {label}"}
            )
            tally["alliance.HookupTemplate"] += created
            for order, (name, days) in enumerate(steps, start=1):
                _s, step_made = HookupStep.objects.for_tenant(tenant).get_or_create(
                    tenant=tenant, template=template, order=order, defaults={"name": name, "expected_days": days}
                )
                tally["alliance.HookupStep"] += step_made
            made[(utility, process)] = template
    return made


def _project(tenant: Tenant, templates: dict[tuple[str, str], HookupTemplate], tally: Counter[str]) -> None:
    org = Organisation.objects.for_tenant(tenant).filter(name="中沙石化").first()
    if org is None:
        return
    profile, created = EnterpriseProfile.objects.for_tenant(tenant).get_or_create(
        tenant=tenant, organisation=org, defaults={"power_kva": 20000, "water_m3_day": 3000, "gas_m3_day": 8000}
    )
    tally["alliance.EnterpriseProfile"] += created
    project, created = Project.objects.for_tenant(tenant).get_or_create(
        tenant=tenant, name="中沙石化南港项目配套工程", defaults={"enterprise": profile, "started_on": date(2020, 7, 1)}
    )
    tally["alliance.Project"] += created
    # Power hooked up under the alliance process in 9 days (expected 11; the standard process 29).
    hookup, created = Hookup.objects.for_tenant(tenant).get_or_create(
        tenant=tenant, project=project, template=templates[("power", "alliance")]
    )
    tally["alliance.Hookup"] += created
    for step, offset in zip(hookup.template.steps.all(), (2, 5, 7, 9), strict=True):
        _p, made = StepProgress.objects.for_tenant(tenant).get_or_create(
            tenant=tenant, hookup=hookup, step=step, defaults={"done_on": date(2020, 7, 1 + offset)}
        )
        tally["alliance.StepProgress"] += made


UNIT = "binhai"


def load(tally: Counter[str]) -> None:
    """The ``load_demo`` hook: Binhai's alliance rows, counted in ``tally``."""
    tally.update(load_for(Tenant.objects.get(slug=UNIT)))


def load_for(tenant: Tenant) -> Counter[str]:
    """Create the alliance rows the tenant lacks; returns how many of each were created."""
    tally: Counter[str] = Counter()
    members = _members(tenant, tally)
    _types(tenant, members, tally)
    _places(tenant, members, tally)
    for status, title, text in CANNED:
        _r, created = CannedReply.objects.for_tenant(tenant).get_or_create(
            tenant=tenant, status=status, title=title, defaults={"text": text}
        )
        tally["alliance.CannedReply"] += created
    _project(tenant, _templates(tenant, tally), tally)
    return +tally
