"""The nightly run from the store to codes, history and alerts; the alert's SLA, escalation and visit."""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from careband import history
from careband.models import AreaLevel, CareAlert, CareCode, CareSubject, Visit
from careband.services import alerts, subjects
from careband.services.nightly import run_tenant
from careband.tasks import enqueue_escalation
from portal.jobs.models import JobRun
from portal.tickets.models import Ticket, TicketEvent
from portal.tickets.workflow import Status
from tests.careband.conftest import DAY, Care, with_today, write_readings

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime.combine(DAY + timedelta(days=1), datetime.min.time()) + timedelta(hours=8))
JPEG = b"\xff\xd8\xff\xe0" + b"0" * 100


def night(care: Care, wang: float, li: float) -> dict[str, int]:
    write_readings(care.world.binhai.pk, {"M1": with_today(wang), "M2": with_today(li)})
    return run_tenant(care.world.binhai, DAY)


def test_the_nightly_run_saves_todays_colour_and_reason_and_writes_the_history(care: Care) -> None:
    result = night(care, wang=0.3, li=2.0)
    assert result == {"subjects": 2, "grey": 0, "green": 1, "yellow": 0, "red": 1, "alerts_opened": 1}
    code = CareCode.objects.for_tenant(care.world.binhai).get(subject=care.wang)
    assert (code.day, code.colour, code.value) == (DAY, 3, pytest.approx(0.3))
    assert code.reason_text.startswith("昨日用电 0.3 kWh，仅为")
    rows = history.read_subject(care.world.binhai.pk, care.wang.pk, DAY, 2)
    assert [r.colour for r in rows] == [None, 3]
    # Wuqing's subject was not touched by Binhai's run.
    assert not CareCode.objects.for_tenant(care.world.wuqing).exists()


def test_a_red_code_opens_one_alert_for_the_grid_worker_with_the_care_sla(care: Care) -> None:
    night(care, wang=0.3, li=2.0)
    alert = CareAlert.objects.for_tenant(care.world.binhai).get()
    ticket = alert.ticket
    assert (ticket.programme, ticket.kind, ticket.assignee_user) == ("careband", "alert", care.gwa)
    assert abs(ticket.acknowledge_due_at - ticket.created_at - timedelta(hours=2)) < timedelta(seconds=5)
    assert ticket.due_at - ticket.acknowledge_due_at == timedelta(hours=22)
    # A second red night adds no second alert while the first is open.
    assert night(care, wang=0.2, li=2.0)["alerts_opened"] == 0


def test_missing_data_and_paused_subjects_are_grey_and_open_no_alert(care: Care) -> None:
    subjects.pause(care.li, "test", DAY + timedelta(days=3), "住院")
    result = night(care, wang=np.nan, li=0.1)
    assert (result["grey"], result["red"], result["alerts_opened"]) == (2, 0, 0)


def test_withdrawn_consent_stops_scoring_and_hides_the_code(care: Care) -> None:
    night(care, wang=2.0, li=2.0)
    assert subjects.withdraw_consent(care.wang, "test") is True
    assert subjects.withdraw_consent(care.wang, "test") is False
    result = night(care, wang=0.1, li=2.0)
    assert result["subjects"] == 1
    assert not CareCode.objects.for_tenant(care.world.binhai).filter(subject=care.wang).exists()


def open_alert(care: Care) -> CareAlert:
    alert = alerts.open_alert(care.wang, DAY, "昨日用电 0.3 kWh", now=NOW)
    assert alert is not None
    return alert


def test_an_unacknowledged_alert_goes_to_the_community_after_2_hours_then_to_the_street(care: Care) -> None:
    alert = open_alert(care)
    tenant = care.world.binhai
    assert alerts.escalate_alerts(tenant, NOW + timedelta(hours=1, minutes=59)) == 0
    assert alerts.escalate_alerts(tenant, NOW + timedelta(hours=2, minutes=1)) == 1
    alert.refresh_from_db()
    ticket = Ticket.objects.for_tenant(tenant).get(pk=alert.ticket_id)
    assert (alert.level, ticket.assignee_user) == (AreaLevel.COMMUNITY, care.community_worker)
    assert alerts.escalate_alerts(tenant, NOW + timedelta(hours=3)) == 0  # once per level
    assert alerts.escalate_alerts(tenant, NOW + timedelta(hours=4, minutes=1)) == 1
    alert.refresh_from_db()
    assert alert.level == AreaLevel.STREET
    assert Ticket.objects.for_tenant(tenant).get(pk=alert.ticket_id).assignee_user == care.street_worker
    assert alert.ticket.events.filter(kind=TicketEvent.Kind.ESCALATED).count() == 2


def test_an_acknowledged_alert_does_not_escalate(care: Care) -> None:
    alert = open_alert(care)
    alerts.acknowledge(alert, care.gwa)
    assert alerts.escalate_alerts(care.world.binhai, NOW + timedelta(hours=5)) == 0


def test_the_escalation_beat_queues_a_run_only_where_an_alert_waits(care: Care) -> None:
    def queued() -> list[tuple[str, str]]:
        runs = JobRun.objects.all_tenants().filter(name="careband.escalate")
        return sorted(runs.values_list("tenant__slug", "trigger"))

    assert enqueue_escalation() == 0  # subjects, but no alert: no run every ten minutes
    alert = open_alert(care)
    assert enqueue_escalation() == 1
    assert queued() == [("binhai", "schedule")]
    alerts.acknowledge(alert, care.gwa)
    assert enqueue_escalation() == 0
    assert queued() == [("binhai", "schedule")]


def test_the_visit_closes_the_alert_and_its_ticket(care: Care) -> None:
    alert = open_alert(care)
    photo = SimpleUploadedFile("door.jpg", JPEG, content_type="image/jpeg")
    visit = alerts.record_visit(alert, care.gwa, outcome=Visit.Outcome.SAFE, note="老人在家，感冒了", photo=photo)
    alert.refresh_from_db()
    ticket = Ticket.objects.for_tenant(care.world.binhai).get(pk=alert.ticket_id)
    assert alert.closed_at is not None
    assert ticket.status == Status.CLOSED
    assert str(visit.photo.name).endswith(".jpg")
    assert visit.visited_by == care.gwa
    with pytest.raises(ValidationError):
        alerts.record_visit(alert, care.gwa, outcome=Visit.Outcome.SAFE)


def test_a_false_alarm_widens_that_subjects_band(care: Care) -> None:
    alerts.record_visit(open_alert(care), care.gwa, outcome=Visit.Outcome.FALSE_ALARM)
    assert CareSubject.objects.for_tenant(care.world.binhai).get(pk=care.wang.pk).tolerance == pytest.approx(1.25)
    assert CareSubject.objects.for_tenant(care.world.binhai).get(pk=care.li.pk).tolerance == 1.0


def test_a_visit_with_a_bad_outcome_or_a_non_image_photo_writes_nothing(care: Care) -> None:
    alert = open_alert(care)
    with pytest.raises(ValidationError):
        alerts.record_visit(alert, care.gwa, outcome="asleep")
    fake = SimpleUploadedFile("x.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    with pytest.raises(ValidationError):
        alerts.record_visit(alert, care.gwa, outcome=Visit.Outcome.SAFE, photo=fake)
    alert.refresh_from_db()
    assert alert.closed_at is None
    assert not Visit.objects.for_tenant(care.world.binhai).exists()
