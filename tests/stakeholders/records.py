"""Alice's (Binhai) and Charlie's (Wuqing) stakeholder records, made straight in the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone

from portal.activities.models import Activity
from portal.stakeholders.models import Agreement, Decision, Meeting, Need, Organisation, Person, Resource
from portal.tenancy.models import Tenant
from tests.personas import World

# A resident ID number whose check character was worked out by hand (GB 11643 weights):
# 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167; 167 mod 11 = 2 → "X".
VALID_ID = "11010519491231002X"
# The same number with a wrong check character.
BAD_CHECK_ID = "110105194912310021"


@dataclass
class Records:
    organisation: Organisation
    partner_org: Organisation
    person: Person
    need: Need
    resource: Resource
    agreement: Agreement
    meeting: Meeting
    decision: Decision
    activity: Activity


def make_records(tenant: Tenant, prefix: str = "") -> Records:
    organisation = Organisation.objects.create(
        tenant=tenant,
        name=f"{prefix}天津市滨海新区城市管理委员会",
        short_name=f"{prefix}区城管委",
        kind=Organisation.Kind.GOVERNMENT,
        programmes=["alliance"],
        district="滨海新区",
        contact_name="李四",
        contact_phone="13912345678",
    )
    partner_org = Organisation.objects.create(
        tenant=tenant, name=f"{prefix}滨海水务集团", kind=Organisation.Kind.UTILITY_MEMBER, programmes=["alliance"]
    )
    person = Person.objects.create(
        tenant=tenant,
        name="张三",
        kind=Person.Kind.OFFICIAL,
        organisation=organisation,
        position="科长",
        phone="13812345678",
        id_number=VALID_ID,
        address="天津市滨海新区新港街道123号",
    )
    need = Need.objects.create(
        tenant=tenant, organisation=organisation, programme="alliance", description="老旧小区无物业，诉求无人响应"
    )
    resource = Resource.objects.create(
        tenant=tenant, organisation=organisation, programme="alliance", description="街道网格员队伍"
    )
    agreement = Agreement.objects.create(
        tenant=tenant, title=f"{prefix}公共服务联盟共建协议", programme="alliance", signed_on=dt.date(2020, 3, 1)
    )
    agreement.parties.set([organisation, partner_org])
    agreement.document.save("alliance-agreement.pdf", ContentFile(b"%PDF-1.4 signed"), save=True)
    meeting = Meeting.objects.create(
        tenant=tenant,
        title=f"{prefix}联盟成立座谈会",
        kind=Meeting.Kind.SYMPOSIUM,
        programme="alliance",
        held_at=timezone.make_aware(dt.datetime(2020, 1, 15, 9, 30)),
        place="滨海新区政务中心",
        minutes="成立公共服务联盟。",
    )
    meeting.organisations.set([organisation, partner_org])
    meeting.attendees.set([person])
    decision = Decision.objects.create(tenant=tenant, meeting=meeting, text="建立联盟微信群")
    activity = Activity.objects.create(
        tenant=tenant,
        title=f"{prefix}废弃线缆联合清理",
        kind=Activity.Kind.CAMPAIGN,
        programme="alliance",
        start_date=dt.date(2021, 5, 10),
        end_date=dt.date(2021, 5, 12),
        organiser=organisation,
        people_reached=300,
        volunteers=25,
        materials_handed_out=120,
        metrics={"cables_removed": 78},
    )
    activity.partners.set([partner_org])
    return Records(organisation, partner_org, person, need, resource, agreement, meeting, decision, activity)


def alice_records(world: World) -> Records:
    return make_records(world.binhai)
