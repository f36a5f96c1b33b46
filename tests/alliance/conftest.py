"""An alliance in Binhai: three members, four service types, one community with its contacts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from alliance.models import Member, PlaceContact, ServiceAttribute, ServicePlace, ServiceType
from portal.stakeholders.models import Organisation
from portal.tenancy.models import Tenant
from tests.personas import World


@dataclass
class Alliance:
    water: Member
    power: Member
    gas: Member
    telecom: Member
    park_water: Member
    water_outage: ServiceType
    gas_leak: ServiceType
    power_outage: ServiceType
    telecom_cable: ServiceType
    dandong: ServicePlace
    park: ServicePlace


def member(tenant: Tenant, name: str, utility: str) -> Member:
    org = Organisation.objects.create(tenant=tenant, name=name, kind=Organisation.Kind.UTILITY_MEMBER)
    return Member.objects.create(tenant=tenant, organisation=org, utility=utility, hotline="022-1234")


def service_type(tenant: Tenant, code: str, name: str, owner: Member, **clock: object) -> ServiceType:
    return ServiceType.objects.create(tenant=tenant, code=code, name=name, utility=owner.utility, member=owner, **clock)


def make_alliance(tenant: Tenant) -> Alliance:
    water, power = member(tenant, "滨海水务公司", "water"), member(tenant, "滨海供电公司", "power")
    gas, telecom = member(tenant, "滨海燃气公司", "gas"), member(tenant, "滨海通信公司", "telecom")
    park_water = member(tenant, "南港水务公司", "water")
    water_outage = service_type(tenant, "water-outage", "停水", water, receipt_minutes=30, resolve_hours=24)
    gas_leak = service_type(tenant, "gas-leak", "燃气泄漏", gas, life_risk=True, receipt_minutes=15, resolve_hours=4)
    power_outage = service_type(tenant, "power-outage", "停电", power, receipt_minutes=30, resolve_hours=24)
    telecom_cable = service_type(
        tenant, "telecom-cable", "废旧线缆", telecom, receipt_working_days=1, resolve_hours=120
    )
    ServiceAttribute.objects.create(
        tenant=tenant,
        service_type=water_outage,
        code="floor",
        description="楼层",
        datatype="number",
        required=True,
        order=1,
    )
    ServiceAttribute.objects.create(
        tenant=tenant,
        service_type=water_outage,
        code="scope",
        description="范围",
        datatype="singlevaluelist",
        order=2,
        values=[{"key": "home", "name": "本户"}, {"key": "building", "name": "整栋"}],
    )
    dandong = ServicePlace.objects.create(
        tenant=tenant,
        name="丹东里",
        kind="community",
        address="滨海新区丹东里社区",
        latitude=Decimal("39.020000"),
        longitude=Decimal("117.650000"),
        wechat_group="丹东里居民群",
    )
    park = ServicePlace.objects.create(tenant=tenant, name="南港工业区", kind="park")
    for m, phone in ((water, "022-2001"), (power, "022-2002"), (gas, "022-2003")):
        PlaceContact.objects.create(tenant=tenant, place=dandong, member=m, phone=phone)
    PlaceContact.objects.create(tenant=tenant, place=park, member=park_water, phone="022-3001")
    return Alliance(
        water, power, gas, telecom, park_water, water_outage, gas_leak, power_outage, telecom_cable, dandong, park
    )


@pytest.fixture
def alliance(world: World) -> Alliance:
    return make_alliance(world.binhai)
