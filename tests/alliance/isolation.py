"""The alliance's objects for the isolation walk (tests/test_isolation.py): one of each, in Binhai."""

from __future__ import annotations

import datetime as dt

from alliance.intake import Intake, file_request
from alliance.models import EnterpriseProfile, Project
from portal.stakeholders.models import Organisation
from tests.alliance.conftest import make_alliance
from tests.isolation_objects import MARKER, AliceObjects
from tests.personas import World


def build(world: World, found: AliceObjects) -> None:
    tenant = world.binhai
    organisation = found.by_model["stakeholders.Organisation"]
    assert isinstance(organisation, Organisation)
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
