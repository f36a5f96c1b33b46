"""The programme page, 窃电客户行为分析报表 (with export), an area's curves, the ranking and the heat map."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from openpyxl import Workbook

from portal.core.views import TenantRequiredMixin
from portal.jobs.runner import enqueue
from portal.meters.models import TransformerArea
from portal.tenancy.roles import Capability
from theftscan import charts
from theftscan.analytics.lineloss import DayStatus
from theftscan.forms import RunForm
from theftscan.models import AreaDay, AreaPeriod, Suspect
from theftscan.reasons import flag_reasons, suspect_reasons
from theftscan.services import indicators

PAGE = 50


def windows(tenant: Any) -> list[tuple[date, date]]:
    rows = AreaPeriod.objects.for_tenant(tenant).values_list("start", "end").distinct().order_by("-end", "-start")
    return list(rows[:24])


def chosen_window(request: HttpRequest, tenant: Any) -> tuple[date, date] | None:
    """The window named by ``?window=START_END``, else the latest; a window that does not exist is a 404."""
    available = windows(tenant)
    raw = request.GET.get("window")
    if not raw:
        return available[0] if available else None
    try:
        start, end = (date.fromisoformat(part) for part in raw.split("_", 1))
    except ValueError as error:
        raise Http404("bad window") from error
    if (start, end) not in available:
        raise Http404("no such window")
    return start, end


class IndexView(TenantRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(
            request,
            "theftscan/index.html",
            {"figures": indicators(self.tenant), "form": RunForm(), "can_run": self.can(Capability.RUN_JOBS)},
        )


class RunView(TenantRequiredMixin, View):
    required_capability = Capability.RUN_JOBS

    def post(self, request: HttpRequest) -> HttpResponse:
        form = RunForm(request.POST)
        if not form.is_valid():
            return render(
                request,
                "theftscan/index.html",
                {"figures": indicators(self.tenant), "form": form, "can_run": True},
                status=400,
            )
        run = enqueue(
            "theftscan.screen",
            self.tenant,
            requested_by=request.user,
            start=form.cleaned_data["start"].isoformat(),
            end=form.cleaned_data["end"].isoformat(),
        )
        messages.success(request, _("The screening has been queued."))
        return HttpResponseRedirect(reverse("jobs:detail", args=[run.pk]))


def _periods(request: HttpRequest, tenant: Any, window: tuple[date, date] | None) -> Any:
    if window is None:
        return AreaPeriod.objects.none()
    rows = AreaPeriod.objects.for_tenant(tenant).filter(start=window[0], end=window[1]).select_related("area")
    if request.GET.get("flagged") == "1":
        rows = rows.filter(flagged=True)
    q = request.GET.get("q", "").strip()[:40]
    if q:
        rows = rows.filter(area__code__icontains=q) | rows.filter(area__name__icontains=q)
    return rows.order_by("-flagged", "-suspicion", "area__code")


class ReportView(TenantRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        window = chosen_window(request, self.tenant)
        rows = _periods(request, self.tenant, window)
        page = max(1, int(request.GET.get("page", "1"))) if request.GET.get("page", "1").isdigit() else 1
        total = rows.count()
        return render(
            request,
            "theftscan/report.html",
            {
                "window": window,
                "windows": windows(self.tenant),
                "rows": rows[(page - 1) * PAGE : page * PAGE],
                "page": page,
                "pages": max(1, -(-total // PAGE)),
                "total": total,
            },
        )


HEADER = (
    gettext_lazy("area code"),
    gettext_lazy("area name"),
    gettext_lazy("supplied (kWh)"),
    gettext_lazy("sold (kWh)"),
    gettext_lazy("loss (kWh)"),
    gettext_lazy("loss rate"),
    gettext_lazy("trend per 30 days"),
    gettext_lazy("flagged"),
    gettext_lazy("loss rose from"),
    gettext_lazy("step up of the loss rate"),
    gettext_lazy("suspicion"),
)


def _export_rows(rows: Any) -> list[list[Any]]:
    return [
        [
            p.area.code,
            p.area.name,
            round(p.supplied_kwh, 2),
            round(p.sold_kwh, 2),
            round(p.loss_kwh, 2),
            None if p.loss_rate is None else round(p.loss_rate, 4),
            None if p.trend is None else round(p.trend, 4),
            _("yes") if p.flagged else _("no"),
            p.change_day.isoformat() if p.change_day else None,
            None if p.step is None or not p.flagged else round(p.step, 4),
            round(p.suspicion, 3),
        ]
        for p in rows
    ]


class ExportView(TenantRequiredMixin, View):
    url_values = ("fmt",)

    def get(self, request: HttpRequest, fmt: str) -> HttpResponse:
        if fmt not in ("csv", "xlsx"):
            raise Http404("unknown format")
        window = chosen_window(request, self.tenant)
        header = [str(h) for h in HEADER]
        rows = _export_rows(_periods(request, self.tenant, window))
        stem = f"theftscan-{window[0]}-{window[1]}" if window else "theftscan"
        if fmt == "csv":
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows(rows)
            response = HttpResponse(("\ufeff" + out.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
        else:
            book = Workbook(write_only=True)
            sheet = book.create_sheet(_("Theft analysis report")[:31])
            sheet.append(header)
            for row in rows:
                sheet.append(row)
            buffer = io.BytesIO()
            book.save(buffer)
            response = HttpResponse(
                buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
        response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
        return response


class AreaView(TenantRequiredMixin, View):
    url_objects = {"pk": TransformerArea}

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        area = get_object_or_404(TransformerArea.objects.for_tenant(self.tenant), pk=pk)
        window = chosen_window(request, self.tenant)
        period = (
            AreaPeriod.objects.for_tenant(self.tenant).filter(area=area, start=window[0], end=window[1]).first()
            if window
            else None
        )
        days = list(
            AreaDay.objects.for_tenant(self.tenant)
            .filter(area=area, day__gte=window[0], day__lte=window[1])
            .order_by("day")
            if window
            else []
        )
        curves = charts.area_curves([charts.AreaDayFigures(d.day, d.loss_kwh, d.sold_kwh, d.loss_rate) for d in days])
        problems = [d for d in days if d.status != DayStatus.OK]
        suspects = list(period.suspects.order_by("rank_in_area").prefetch_related("cases")) if period else []
        for s in suspects:
            s.reason_lines = suspect_reasons(s.reasons, s.features)
        return render(
            request,
            "theftscan/area.html",
            {
                "area": area,
                "window": window,
                "period": period,
                "flag_lines": flag_reasons(period.flag_reasons, period.step, period.step_t) if period else [],
                "curves": curves,
                "problems": problems,
                "suspects": suspects,
                "can_open": self.can(Capability.CREATE_TICKETS),
            },
        )


class SuspectListView(TenantRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        window = chosen_window(request, self.tenant)
        rows = (
            Suspect.objects.for_tenant(self.tenant)
            .filter(period__start=window[0], period__end=window[1])
            .select_related("area")
            .order_by("rank_in_tenant")[:200]
            if window
            else []
        )
        rows = list(rows)
        for s in rows:
            s.reason_lines = suspect_reasons(s.reasons, s.features)
        return render(
            request, "theftscan/suspects.html", {"rows": rows, "window": window, "windows": windows(self.tenant)}
        )


class MapView(TenantRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        window = chosen_window(request, self.tenant)
        periods = (
            AreaPeriod.objects.for_tenant(self.tenant).filter(start=window[0], end=window[1]).select_related("area")
            if window
            else []
        )
        areas = [
            charts.AreaOnMap(
                code=p.area.code,
                name=p.area.name,
                latitude=None if p.area.latitude is None else float(p.area.latitude),
                longitude=None if p.area.longitude is None else float(p.area.longitude),
                recent_rate=p.recent_rate,
                flagged=p.flagged,
                suspicion=p.suspicion,
                href=reverse("theftscan:area", args=[p.area_id]),
            )
            for p in periods
        ]
        return render(
            request,
            "theftscan/map.html",
            {"map": charts.heat_map(areas), "window": window, "windows": windows(self.tenant)},
        )
