"""``/api/v1/activities/``: the endpoint matrix (tests/api_testing); writes and filters are tested in
test_activities.py."""

from __future__ import annotations

import datetime as dt

from portal.activities.models import Activity
from portal.stakeholders.models import Organisation
from portal.tenancy.models import Tenant
from tests.api_testing import EndpointContract
from tests.personas import World


class TestActivityEndpoint(EndpointContract):
    basename = "activity"

    def make_row(self, world: World, tenant: Tenant, n: int) -> Activity:
        organiser = Organisation.objects.create(tenant=tenant, name=f"城管委{n}", kind=Organisation.Kind.GOVERNMENT)
        partner = Organisation.objects.create(tenant=tenant, name=f"水务集团{n}", kind=Organisation.Kind.UTILITY_MEMBER)
        activity = Activity.objects.create(
            tenant=tenant,
            title=f"废弃线缆联合清理{n}",
            kind=Activity.Kind.CAMPAIGN,
            start_date=dt.date(2021, 5, 10),
            organiser=organiser,
            people_reached=300,
        )
        activity.partners.set([partner])
        return activity
