"""The move of requester updates to the core notifications package keeps what was already sent:
alliance migrations 0003–0004 turn each old update into a delivery, sent or failed as it was."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("alliance", "0002_notification_event")]
AFTER = [("alliance", "0004_notification_drop_delivered_columns")]
SENT_AT = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


def _migrate(targets: list[tuple[str, str]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def test_old_requester_updates_become_deliveries_sent_or_failed_as_they_were() -> None:
    executor = _migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    tenant = old.get_model("tenancy", "Tenant").objects.create(slug="binhai", name="国网天津滨海公司")
    org = old.get_model("stakeholders", "Organisation").objects.create(
        tenant=tenant, name="滨海水务", kind="utility_member"
    )
    member = old.get_model("alliance", "Member").objects.create(tenant=tenant, organisation=org, utility="water")
    kind = old.get_model("alliance", "ServiceType").objects.create(
        tenant=tenant, code="water-outage", name="停水", utility="water", member=member, receipt_minutes=30
    )
    ticket = old.get_model("tickets", "Ticket").objects.create(tenant=tenant, reference="BH-202611-0001", title="停水")
    event = old.get_model("tickets", "TicketEvent").objects.create(tenant=tenant, ticket=ticket, kind="status")
    request = old.get_model("alliance", "DeskRequest").objects.create(tenant=tenant, ticket=ticket, service_type=kind)
    notification = old.get_model("alliance", "Notification")
    told = notification.objects.create(
        tenant=tenant, request=request, event=event, channel="sms", address="13800000001", body="已受理。",
        backend="sms", sent_at=SENT_AT,
    )  # fmt: skip
    refused = notification.objects.create(
        tenant=tenant,
        request=request,
        channel="sms",
        address="13800000001",
        body="已办结。",
        error="answered 500",
    )

    new = _migrate(AFTER).loader.project_state(AFTER).apps
    rows = new.get_model("alliance", "Notification").objects.select_related("delivery").order_by("pk")
    found = [
        (n.pk, d.key, d.channel, d.address, d.body, d.status, d.sent_at, d.last_error)
        for n, d in ((n, n.delivery) for n in rows)
    ]
    assert found == [
        (told.pk, f"alliance.update.{event.pk}", "sms", "13800000001", "已受理。", "sent", SENT_AT, ""),
        (refused.pk, f"alliance.notification.{refused.pk}", "sms", "13800000001", "已办结。", "failed", None,
         "answered 500"),
    ]  # fmt: skip
    _migrate(executor.loader.graph.leaf_nodes())
