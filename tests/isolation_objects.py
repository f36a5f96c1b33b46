"""One of each tenant-owned object, in Alice's tenant (Binhai), for the isolation walk.

Each carries MARKER in a text field that list pages show, so a leak on a list page is visible. One
builder per part of the portal; each returns its objects and the routes that need explicit kwargs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import timezone

from alliance.intake import Intake, file_request
from alliance.models import EnterpriseProfile, Project
from careband.models import CareSubject
from careband.services.alerts import open_alert
from careband.services.areas import grid_path
from careband.services.subjects import enrol
from portal.activities.models import Activity
from portal.api.models import ApiKey
from portal.audit.actions import record_change
from portal.jobs.models import JobRun
from portal.meters.models import ImportBatch, Meter, TransformerArea
from portal.stakeholders.models import Agreement, Decision, Meeting, Need, Organisation, Person, Resource
from portal.tenancy.models import Tenant
from portal.tickets import services as tickets
from tests.alliance.conftest import make_alliance
from tests.personas import World
from theftscan.models import AreaPeriod, Suspect
from theftscan.services import open_case

MARKER = "ALICE-ONLY-7f3a"


@dataclass
class AliceObjects:
    by_model: dict[str, models.Model] = field(default_factory=dict)
    # URL name → kwargs, for routes whose kwargs are not a plain pk of the view's model.
    explicit: dict[str, dict[str, Any]] = field(default_factory=dict)
    # URL name → kwargs that select a format or a page of one's own data, not anyone's object.
    listing_kwargs: dict[str, dict[str, Any]] = field(default_factory=dict)
    # List pages on which Alice must see her marker (proves the negative checks are meaningful).
    list_pages_showing_marker: list[str] = field(default_factory=list)

    def add(self, *objects: models.Model) -> None:
        self.by_model.update({type(o)._meta.label: o for o in objects})


def make_alice_objects(world: World) -> AliceObjects:
    found = AliceObjects()
    organisation = _stakeholders(world.binhai, found)
    _work(world, organisation, found)
    area = _meters(world.binhai, found)
    _alliance(world, organisation, found)
    _theftscan(world, area, found)
    _careband(world, found)
    return found


def _stakeholders(tenant: Tenant, found: AliceObjects) -> Organisation:
    organisation = Organisation.objects.create(
        tenant=tenant,
        name=f"{MARKER} 滨海新区公用事业联盟",
        kind=Organisation.Kind.GOVERNMENT,
        contact_name="张三",
        contact_phone="13812345678",
    )
    person = Person.objects.create(tenant=tenant, name=f"{MARKER} 李四", phone="13900001111", organisation=organisation)
    agreement = Agreement.objects.create(tenant=tenant, title=f"{MARKER} 共建协议", signed_on=dt.date(2020, 3, 1))
    agreement.document.save("agreement.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    agreement.parties.add(organisation)
    meeting = Meeting.objects.create(
        tenant=tenant,
        title=f"{MARKER} 联席会",
        kind=Meeting.Kind.JOINT,
        held_at=timezone.make_aware(dt.datetime(2021, 5, 6, 9, 30)),
        place="滨海新区",
    )
    found.add(
        organisation,
        person,
        agreement,
        meeting,
        Need.objects.create(tenant=tenant, organisation=organisation, description=f"{MARKER} 诉求"),
        Resource.objects.create(tenant=tenant, organisation=organisation, description=f"{MARKER} 资源"),
        Decision.objects.create(tenant=tenant, meeting=meeting, text=f"{MARKER} 决定"),
        Activity.objects.create(
            tenant=tenant, title=f"{MARKER} 废旧线缆清理", kind=Activity.Kind.CAMPAIGN, start_date=dt.date(2021, 4, 1)
        ),
    )
    found.list_pages_showing_marker += [
        "stakeholders:organisation-list",
        "stakeholders:meeting-list",
        "activities:list",
        "api:organisation-list",
        "api:meeting-list",
        "api:activity-list",
    ]
    return organisation


def _work(world: World, organisation: Organisation, found: AliceObjects) -> None:
    """Tickets, jobs, keys and the audit trail."""
    tenant = world.binhai
    run = JobRun.objects.create(tenant=tenant, name="audit.purge_access_log", status=JobRun.Status.SUCCEEDED)
    run.result_file.save("export.csv", ContentFile(MARKER.encode()), save=True)
    ticket = tickets.create_ticket(tenant, world.alice, title=f"{MARKER} 路灯不亮", requester_name="张三")
    attachment = tickets.add_attachment(ticket, world.alice, SimpleUploadedFile("photo.pdf", b"%PDF-1.4 x"))
    key, _token = ApiKey.issue(tenant, f"{MARKER} 区民政局")
    change = record_change(organisation, world.alice, "update", {"name": "old"}, {"name": organisation.name})
    found.add(run, ticket, key, change)
    found.explicit.update(
        {
            "tickets:attachment-download": {"pk": ticket.pk, "attachment_pk": attachment.pk},
            "tenancy:apikey-revoke": {"pk": key.pk},
        }
    )
    found.list_pages_showing_marker += ["tickets:list", "api:ticket-list", "tenancy:apikey-list", "audit:change-list"]


def _meters(tenant: Tenant, found: AliceObjects) -> TransformerArea:
    area = TransformerArea.objects.create(tenant=tenant, code="BH-0001", name=f"{MARKER} 新港一号台区")
    meter = Meter.objects.create(tenant=tenant, meter_no="BH000000001", customer_name=f"{MARKER} 王五", area=area)
    batch = ImportBatch.objects.create(
        tenant=tenant,
        dataset="meter_daily",
        source=ImportBatch.Source.UPLOAD,
        original_name=f"{MARKER}.csv",
        checksum="0" * 64,
        status=ImportBatch.Status.COMMITTED,
    )
    batch.file.save("readings.csv", ContentFile(b"meter_no,date,kwh\n"), save=False)
    batch.report_file.save("report.csv", ContentFile(MARKER.encode()), save=True)
    found.add(area, meter, batch)
    found.explicit.update({"meters:import-report": {"pk": batch.pk}, "meters:import-file": {"pk": batch.pk}})
    found.list_pages_showing_marker += ["meters:area-list", "meters:import-list", "api:meter-import-list"]
    return area


def _alliance(world: World, organisation: Organisation, found: AliceObjects) -> None:
    tenant = world.binhai
    alliance = make_alliance(tenant)
    desk = file_request(
        tenant,
        world.alice,
        Intake(service_type=alliance.water_outage, description=MARKER, channel="hotline", address="丹东里"),
    )
    enterprise = EnterpriseProfile.objects.create(tenant=tenant, organisation=organisation, power_kva=20000)
    project = Project.objects.create(
        tenant=tenant, enterprise=enterprise, name=f"{MARKER} 南港项目", started_on=dt.date(2020, 6, 1)
    )
    found.add(desk, alliance.dandong, enterprise, project)
    desk_routes = ("desk-detail", "desk-status", "desk-not-ours", "desk-joint-visit", "desk-plus-one")
    found.explicit.update({f"alliance:{name}": {"pk": desk.pk} for name in desk_routes})
    found.explicit.update(
        {
            "alliance:place-detail": {"pk": alliance.dandong.pk},
            "alliance:place-card": {"pk": alliance.dandong.pk},
            "alliance:enterprise-detail": {"pk": enterprise.pk},
            "alliance:project-detail": {"pk": project.pk},
            "alliance:project-step": {"pk": project.pk},
        }
    )


def _theftscan(world: World, area: TransformerArea, found: AliceObjects) -> None:
    tenant = world.binhai
    period = AreaPeriod.objects.create(
        tenant=tenant,
        area=area,
        start=dt.date(2026, 8, 1),
        end=dt.date(2026, 10, 29),
        supplied_kwh=1000.0,
        sold_kwh=920.0,
        loss_kwh=80.0,
        loss_rate=0.08,
        flagged=True,
    )
    suspect = Suspect.objects.create(
        tenant=tenant, period=period, area=area, meter_no="BH000000001", score=0.9, rank_in_area=1, rank_in_tenant=1
    )
    case, _opened = open_case(suspect, world.alice)
    found.add(period, suspect, case)
    found.explicit.update(
        {
            "theftscan:area": {"pk": area.pk},
            "theftscan:case": {"pk": case.pk},
            "theftscan:open-case": {"pk": suspect.pk},
        }
    )
    found.listing_kwargs.update({"theftscan:export": {"fmt": "csv"}})


def _careband(world: World, found: AliceObjects) -> None:
    tenant = world.binhai
    grid = grid_path(tenant, "滨海新区民政局", "新港街道", "金江社区", "第一网格")
    subject = CareSubject(
        name=f"{MARKER} 王秀英",
        phone="13800138000",
        address="金江社区1号楼101",
        category=CareSubject.Category.ELDERLY_ALONE,
        grid=grid,
        consent_by="王秀英",
        consent_at=timezone.make_aware(dt.datetime(2026, 1, 5, 9)),
        consent_scope="用电数据用于关爱服务",
    )
    subject = enrol(tenant, "test", subject, ["BH000000001"])
    alert = open_alert(subject, dt.date(2026, 11, 25), "昨日用电 0.1 kWh")
    assert alert is not None
    found.add(subject, alert)
    subject_routes = ("subject", "withdraw", "pause", "invite", "contacted")
    found.explicit.update({f"careband:{name}": {"pk": subject.pk} for name in subject_routes})
    found.explicit["careband:alert-visit"] = {"pk": alert.pk}
