"""Domain actions of theftscan: rules, storing a screening, opening and closing cases, indicators."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from portal.audit.actions import save_audited
from portal.core.types import Actor, person
from portal.meters.models import TransformerArea
from portal.tenancy.models import Tenant
from portal.tickets import services as tickets
from theftscan.analytics.flags import FlagRules
from theftscan.analytics.scoring import ScoreRules
from theftscan.calculator.defaults import DEFAULT_RULES
from theftscan.calculator.formulas import Result
from theftscan.models import AreaDay, AreaPeriod, BillingRule, Case, ScreeningRules, Suspect
from theftscan.reasons import suspect_reasons


def rules_for(tenant: Tenant) -> ScreeningRules:
    """The tenant's rules, or the defaults (unsaved) when it has not set any."""
    return ScreeningRules.objects.for_tenant(tenant).first() or ScreeningRules(tenant=tenant)


def analytics_rules(rules: ScreeningRules) -> tuple[FlagRules, ScoreRules]:
    flag = FlagRules(float(rules.threshold), float(rules.rise), rules.baseline_days, rules.persistence_days)
    return flag, ScoreRules(persistence_days=rules.persistence_days)


def ensure_billing_rules(tenant: Tenant) -> None:
    """Give the tenant the default calculator rules it does not have yet (never overwrites edits)."""
    BillingRule.objects.bulk_create(
        [
            BillingRule(
                tenant=tenant,
                code=r.code,
                formula=r.formula,
                name=r.name,
                article=r.article,
                params=r.params,
                note=r.note,
            )
            for r in DEFAULT_RULES
        ],
        ignore_conflicts=True,
    )


def evidence_csv(case_suspect: Suspect, days: list[AreaDay], readings: dict[date, float]) -> bytes:
    """The evidence attached to an inspection: the area's daily figures beside the user's reading."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("day"),
            _("area supplied (kWh)"),
            _("area sold (kWh)"),
            _("area loss (kWh)"),
            _("area loss rate"),
            _("status"),
            _("user reading (kWh)"),
        ]
    )
    for row in days:
        reading = readings.get(row.day)
        writer.writerow(
            [
                row.day.isoformat(),
                _fmt(row.supplied_kwh),
                _fmt(row.sold_kwh),
                _fmt(row.loss_kwh),
                "" if row.loss_rate is None else f"{row.loss_rate:.4f}",
                row.get_status_display(),
                "" if reading is None else _fmt(reading),
            ]
        )
    writer.writerow([])
    for line in suspect_reasons(case_suspect.reasons, case_suspect.features):
        writer.writerow([line])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _fmt(value: float | None) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.2f}"


def _user_readings(suspect: Suspect) -> dict[date, float]:
    from portal.meters.store import read_matrix

    period = suspect.period
    try:
        matrix = read_matrix(suspect.tenant_id, "meter_daily", period.start, period.end, keys=[suspect.meter_no])
    except FileNotFoundError:
        return {}
    if not len(matrix.keys):
        return {}
    values = matrix.values[0]
    return {d.astype(date): float(v) for d, v in zip(matrix.dates, values, strict=True) if not np.isnan(v)}


def open_case(suspect: Suspect, actor: Actor) -> tuple[Case, bool]:
    """Open the on-site inspection for a suspect, once: (case, whether it was created now)."""
    with transaction.atomic():
        locked = (
            Suspect.objects.for_tenant(suspect.tenant)
            .select_for_update()
            .select_related("period", "area")
            .get(pk=suspect.pk)
        )
        existing = Case.objects.for_tenant(suspect.tenant).filter(suspect=locked).first()
        if existing is not None:
            return existing, False
        area = locked.area
        ticket = tickets.create_ticket(
            locked.tenant,
            actor,
            title=_("On-site check of meter {meter} in area {area}").format(meter=locked.meter_no, area=area.code),
            description="\n".join(suspect_reasons(locked.reasons, locked.features)),
            kind="inspection",
            programme="theftscan",
            category="theft-check",
            subject=locked,
            latitude=area.latitude,
            longitude=area.longitude,
        )
        days = list(
            AreaDay.objects.for_tenant(locked.tenant)
            .filter(area=area, day__gte=locked.period.start, day__lte=locked.period.end)
            .order_by("day")
        )
        content = evidence_csv(locked, days, _user_readings(locked))
        name = f"evidence-{area.code}-{locked.meter_no}.csv"
        tickets.add_attachment(ticket, actor, SimpleUploadedFile(name, content, content_type="text/csv"))
        case = Case(
            tenant=locked.tenant,
            suspect=locked,
            area=area,
            meter_no=locked.meter_no,
            rank_in_area=locked.rank_in_area,
            ticket=ticket,
            opened_by=person(actor),
        )
        save_audited(case, actor)
    return case, True


def record_result(
    case: Case, actor: Actor, *, result: str, violation_rule: BillingRule | None, finding: str, checked_on: date | None
) -> Case:
    if result == Case.Result.VIOLATION and violation_rule is None:
        raise ValidationError({"violation_rule": _("Say which kind of contract violation was found.")})
    if violation_rule is not None and (violation_rule.tenant_id != case.tenant_id or violation_rule.is_theft):
        raise ValidationError({"violation_rule": _("Choose a contract-violation rule of this unit.")})
    case.result = result
    case.violation_rule = violation_rule if result == Case.Result.VIOLATION else None
    case.finding = finding
    case.checked_on = checked_on
    with transaction.atomic():
        save_audited(case, actor)
    return case


def back_billing_period(case: Case) -> dict[str, date]:
    """The calculator's default period: from the suspect's start day to the day it was checked (else
    the last day screened). The inspection may establish another; the form lets it be changed."""
    suspect = case.suspect
    initial: dict[str, date] = {}
    if suspect is not None and suspect.start_day is not None:
        initial["start"] = suspect.start_day
        initial["end"] = case.checked_on or suspect.period.end
    return initial


def save_calculation(case: Case, actor: Actor, rule: BillingRule, inputs: dict[str, Any], result: Result) -> Case:
    """Keep the inputs, the steps and the article with the figures on the case."""
    if rule.tenant_id != case.tenant_id:
        raise ValidationError({"rule": _("Choose a rule of this unit.")})
    case.calculation = {
        "rule": rule.code,
        "rule_name": rule.name,
        "article": rule.article,
        "note": rule.note,
        "inputs": {
            k: (v.isoformat() if isinstance(v, date) else str(v)) for k, v in inputs.items() if v not in (None, "")
        },
        **result.as_dict(),
    }
    case.energy_kwh, case.back_billed_yuan, case.penalty_yuan = (
        result.energy_kwh,
        result.back_billed_yuan,
        result.penalty_yuan,
    )
    with transaction.atomic():
        save_audited(case, actor)
    return case


@dataclass(frozen=True)
class Indicators:
    theft_cases: int
    violations: int
    checked: int
    pending: int
    energy_kwh: Decimal
    back_billed_yuan: Decimal
    penalty_yuan: Decimal
    hit_rate: float | None  # theft or violation among checked cases
    top3_hit_rate: float | None
    flagged_areas: int
    households_in_flagged_areas: int
    inspections_avoided: int
    hours_saved: float


def indicators(tenant: Tenant) -> Indicators:
    cases = Case.objects.for_tenant(tenant)
    found = Q(result__in=[Case.Result.THEFT, Case.Result.VIOLATION])
    checked = ~Q(result=Case.Result.PENDING)
    agg = cases.aggregate(
        theft=Count("id", filter=Q(result=Case.Result.THEFT)),
        violation=Count("id", filter=Q(result=Case.Result.VIOLATION)),
        checked=Count("id", filter=checked),
        found=Count("id", filter=found),
        top3=Count("id", filter=checked & Q(rank_in_area__lte=3)),
        top3_found=Count("id", filter=found & Q(rank_in_area__lte=3)),
        pending=Count("id", filter=Q(result=Case.Result.PENDING)),
        energy=Sum("energy_kwh"),
        back=Sum("back_billed_yuan"),
        penalty=Sum("penalty_yuan"),
    )
    latest = AreaPeriod.objects.for_tenant(tenant).order_by("-end").values_list("end", flat=True).first()
    flagged = (
        AreaPeriod.objects.for_tenant(tenant).filter(end=latest, flagged=True) if latest else AreaPeriod.objects.none()
    )
    flagged_ids = list(flagged.values_list("area_id", flat=True))
    households = (
        TransformerArea.objects.for_tenant(tenant).filter(pk__in=flagged_ids).aggregate(n=Count("meters"))["n"] or 0
    )
    avoided = max(0, households - cases.count())
    rules = rules_for(tenant)
    return Indicators(
        theft_cases=agg["theft"],
        violations=agg["violation"],
        checked=agg["checked"],
        pending=agg["pending"],
        energy_kwh=agg["energy"] or Decimal(0),
        back_billed_yuan=agg["back"] or Decimal(0),
        penalty_yuan=agg["penalty"] or Decimal(0),
        hit_rate=agg["found"] / agg["checked"] if agg["checked"] else None,
        top3_hit_rate=agg["top3_found"] / agg["top3"] if agg["top3"] else None,
        flagged_areas=len(flagged_ids),
        households_in_flagged_areas=households,
        inspections_avoided=avoided,
        hours_saved=round(avoided * rules.minutes_per_household_check / 60, 1),
    )


def default_window(rules: ScreeningRules, today: date) -> tuple[date, date]:
    end = today - timedelta(days=1)
    return end - timedelta(days=rules.window_days - 1), end
