"""One of each tenant-owned object, in Alice's tenant (Binhai), for the isolation walk.

Each carries MARKER in a text field that list pages show, so a leak on a list page is visible. One
builder per part of the portal; each returns its objects and the routes that need explicit kwargs.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import timezone

from portal.activities.models import Activity
from portal.api.models import ApiKey
from portal.audit.actions import record_change
from portal.core.programmes import programme_apps
from portal.jobs.models import JobRun
from portal.meters.models import ImportBatch, Meter, TransformerArea
from portal.stakeholders.models import Agreement, Decision, Meeting, Need, Organisation, Person, Resource
from portal.tenancy.models import Tenant
from portal.tickets import services as tickets
from tests.personas import World

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
    """The core's objects, then each installed programme app's (its ``tests/<code>/isolation.py``)."""
    found = AliceObjects()
    organisation = _stakeholders(world.binhai, found)
    _work(world, organisation, found)
    _meters(world.binhai, found)
    importlib.import_module("tests.imports.isolation").build(world, found)
    for module in programme_isolation_modules():
        module.build(world, found)
    return found


def programme_isolation_modules() -> list[ModuleType]:
    """Each installed programme app's isolation module (``ProgrammeApp.isolation_module``); an app
    without one fails here, so a new app cannot join the portal with routes nobody walks."""
    return [importlib.import_module(app.isolation_module) for app in programme_apps()]


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
