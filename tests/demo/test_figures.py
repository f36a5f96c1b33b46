"""The seed's results figures, reproduced from the demo rows (expected values are the seed's)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from portal.activities.models import Activity
from portal.stakeholders.models import Agreement, Decision, Meeting, Organisation, Person
from portal.tenancy.models import Tenant


def metric(slug: str, key: str) -> int:
    activities = Activity.objects.for_tenant(Tenant.objects.get(slug=slug))
    return sum(int(a.metrics.get(key, 0)) for a in activities)


def activities_with(slug: str, key: str) -> int:
    activities = Activity.objects.for_tenant(Tenant.objects.get(slug=slug))
    return sum(1 for a in activities if key in a.metrics)


def test_binhai_removed_78_cables_in_4_communities(demo: Counter[str]) -> None:
    assert metric("binhai", "cables_removed") == 78
    assert activities_with("binhai", "cables_removed") == 4


def test_binhai_serves_15_old_communities(demo: Counter[str]) -> None:
    binhai = Tenant.objects.get(slug="binhai")
    committees = Organisation.objects.for_tenant(binhai).filter(kind="residents_committee")
    assert committees.count() == 15
    assert metric("binhai", "communities_served") == 15


def test_chengnan_spring_festival_free_charging_was_worth_170_900_yuan(demo: Counter[str]) -> None:
    assert metric("chengnan", "benefit_yuan") == 170_900


def test_the_care_code_was_piloted_in_3_districts_and_rolled_out_to_5_provinces(demo: Counter[str]) -> None:
    assert metric("marketing", "pilot_districts") == 3
    assert metric("marketing", "provincial_companies") == 5


def test_highvoltage_patrols_and_bird_guards_add_up(demo: Counter[str]) -> None:
    assert metric("highvoltage", "patrols") == 32
    assert metric("highvoltage", "lines") == 36
    assert metric("highvoltage", "baffles_installed") == 2371
    assert metric("highvoltage", "repellers_installed") == 11766
    assert (metric("highvoltage", "focus_lines"), metric("highvoltage", "focus_towers")) == (13, 835)


def test_highvoltage_handed_out_1000_odd_brochures_and_rescued_3_storks_in_winter_2021(demo: Counter[str]) -> None:
    assert 1000 < metric("highvoltage", "brochures") < 1100  # "1000余册"
    tenant = Tenant.objects.get(slug="highvoltage")
    rescues = [a for a in Activity.objects.for_tenant(tenant) if "storks_rescued" in a.metrics]
    assert sum(a.metrics["storks_rescued"] for a in rescues) == 3
    assert all(date(2021, 11, 1) <= a.start_date <= date(2022, 2, 28) for a in rescues)


def test_jizhou_sold_7800_odd_jin_for_70000_odd_yuan_in_13_livestreams(demo: Counter[str]) -> None:
    assert metric("jizhou", "livestreams") == 13
    assert 7800 < metric("jizhou", "jin_sold") < 7900  # "7800余斤"
    assert 70_000 < metric("jizhou", "sales_yuan") < 80_000  # "7万余元"


def test_jizhou_ran_65_trainings_and_opened_15_micro_shops(demo: Counter[str]) -> None:
    assert metric("jizhou", "trainings") == 65
    assert metric("jizhou", "micro_shops") == 15


def test_materials_compiled_60_odd_purchase_standards_with_4_strategic_partners(demo: Counter[str]) -> None:
    assert 60 < metric("materials", "standards_compiled") < 70  # "60余本"
    tenant = Tenant.objects.get(slug="materials")
    intent = Agreement.objects.for_tenant(tenant).get(title="低碳供应链战略合作意向书")
    assert intent.parties.count() == 4
    assert intent.parties.filter(name="天津市特变电工变压器有限公司").exists()


def test_energyservices_client_pipeline_matches_the_seed(demo: Counter[str]) -> None:
    assert metric("energyservices", "clients_contacted") == 75
    assert metric("energyservices", "hosting_plans") == 27
    assert 50 < metric("energyservices", "peak_users_contacted") < 60  # "50余家"
    assert metric("energyservices", "peak_contracts") == 10
    assert 50 < metric("energyservices", "energy_diagnoses") < 60  # "50余家"
    assert metric("energyservices", "venues") == 18


def test_energyservices_attended_6_administrations_promotion_meetings(demo: Counter[str]) -> None:
    tenant = Tenant.objects.get(slug="energyservices")
    assert Meeting.objects.for_tenant(tenant).filter(title__endswith="机关事务管理局能源托管业务推广会").count() == 6


def test_jinghai_held_round_tables_with_village_committees_and_50_odd_science_sessions(demo: Counter[str]) -> None:
    tenant = Tenant.objects.get(slug="jinghai")
    round_tables = Meeting.objects.for_tenant(tenant).filter(kind="round_table")
    assert round_tables.count() == 5
    assert all(m.organisations.filter(kind="village_committee").exists() for m in round_tables)
    assert 50 < metric("jinghai", "science_sessions") < 60  # "50余次"
    assert (metric("jinghai", "party_member_teams"), metric("jinghai", "youth_volunteer_teams")) == (13, 4)


def test_chengxi_held_16_on_site_meetings_and_revised_the_plan_3_times(demo: Counter[str]) -> None:
    tenant = Tenant.objects.get(slug="chengxi")
    assert Meeting.objects.for_tenant(tenant).filter(kind="on_site").count() == 16
    assert Decision.objects.for_tenant(tenant).filter(text__startswith="调整改造方案").count() == 3
    five_party = Meeting.objects.for_tenant(tenant).filter(kind="consultation")
    assert [m.organisations.count() for m in five_party] == [5, 4]


def test_wuqing_co_builds_with_7_bodies_and_58_village_branches(demo: Counter[str]) -> None:
    tenant = Tenant.objects.get(slug="wuqing")
    agreements = Agreement.objects.for_tenant(tenant).filter(title__startswith="电力设施保护党组织共建协议")
    assert agreements.count() == 7
    branches = Organisation.objects.for_tenant(tenant).filter(name__endswith="村党支部")
    assert branches.count() == 58
    assert metric("wuqing", "village_branches") == 58
    assert activities_with("wuqing", "village_branches") == 13
    joint = Meeting.objects.for_tenant(tenant).get(title="电力设施保护暨普法安全共建推进会")
    assert joint.organisations.count() == 7 + 58


def test_meetings_and_agreements_fall_within_each_programmes_period(demo: Counter[str]) -> None:
    from portal.demo.data import UNITS

    for unit in UNITS:
        tenant = Tenant.objects.get(slug=unit.slug)
        first, last = unit.period
        for meeting in Meeting.objects.for_tenant(tenant):
            assert first <= meeting.held_at.date() <= last, (unit.slug, meeting.title)
        for agreement in Agreement.objects.for_tenant(tenant):
            assert first <= agreement.signed_on <= last, (unit.slug, agreement.title)


def test_only_fictitious_phone_numbers_and_no_id_numbers_are_loaded(demo: Counter[str]) -> None:
    people = Person.objects.all_tenants()
    assert people.count() == demo["stakeholders.Person"]
    assert all(re.fullmatch(r"1380000\d{4}", p.phone) for p in people)
    assert not people.exclude(id_number="").exists()
    contacts = Organisation.objects.all_tenants().exclude(contact_phone="")
    assert all(re.fullmatch(r"1380000\d{4}", o.contact_phone) for o in contacts)
