"""Background jobs of the tickets package: the filtered export and the SLA sweep."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from openpyxl import Workbook

from portal.audit.actions import record_personal_read
from portal.audit.masking import mask
from portal.audit.models import PersonalDataAccess
from portal.core.programmes import programme_name
from portal.jobs.models import JobRun
from portal.jobs.presentation import choice_of, filters_of
from portal.jobs.registry import Field, register_job
from portal.jobs.runner import JobContext
from portal.tenancy.middleware import access_for
from portal.tenancy.roles import Capability, capabilities_of
from portal.tickets import sla
from portal.tickets.filters import TicketFilterSet, sort_tickets
from portal.tickets.models import Ticket

_PROGRESS_EVERY = 500
# Spreadsheet programs run a cell starting with one of these as a formula: neutralise it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _when(value: Any) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _columns() -> list[tuple[str, Callable[[Ticket], Any]]]:
    """Header (in the active language) and how to read it from a ticket."""
    return [
        (_("Reference"), lambda t: t.reference),
        (_("Title"), lambda t: t.title),
        (_("Programme"), lambda t: programme_name(t.programme)),
        (_("Type"), lambda t: t.get_kind_display()),
        (_("Category"), lambda t: t.category),
        (_("Status"), lambda t: t.get_status_display()),
        (_("Priority"), lambda t: t.get_priority_display()),
        (_("Channel"), lambda t: t.get_channel_display()),
        (_("Requester name"), lambda t: t.requester_name),
        (_("Requester phone"), lambda t: t.requester_phone),
        (_("Address"), lambda t: t.address),
        (_("Latitude"), lambda t: t.latitude),
        (_("Longitude"), lambda t: t.longitude),
        (_("Assigned to (person)"), lambda t: str(t.assignee_user or "")),
        (_("Assigned to (organisation)"), lambda t: str(t.assignee_org or "")),
        (_("Created at"), lambda t: _when(t.created_at)),
        (_("Acknowledge by"), lambda t: _when(t.acknowledge_due_at)),
        (_("Resolve by"), lambda t: _when(t.due_at)),
        (_("Acknowledged at"), lambda t: _when(t.acknowledged_at)),
        (_("Resolved at"), lambda t: _when(t.resolved_at)),
        (_("Closed at"), lambda t: _when(t.closed_at)),
        (_("Overdue"), lambda t: _("yes") if t.is_overdue else _("no")),
    ]


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def _masked(ticket: Ticket, show_personal: bool) -> Ticket:
    if not show_personal:
        for name, kind in Ticket.personal_fields.items():
            setattr(ticket, name, mask(kind, getattr(ticket, name)) or "")
    return ticket


def _render_csv(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    # A byte-order mark, or Excel on Chinese Windows reads UTF-8 as GBK.
    return buffer.getvalue().encode("utf-8-sig")


def _render_xlsx(header: list[str], rows: Iterable[list[Any]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Tickets"))
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _capabilities(user: Any, ctx: JobContext) -> frozenset[str]:
    if user is None:
        return frozenset()
    return frozenset(capabilities_of(access_for(user).roles_in(ctx.tenant)))


FORMAT_LABELS = [("csv", "CSV"), ("xlsx", "Excel")]


def _overdue_list(run: JobRun) -> str:
    return reverse("tickets:list") + "?overdue=true"


@register_job(
    "tickets.export",
    gettext_lazy("Ticket export"),
    params=[
        Field("filters", gettext_lazy("Filters"), filters_of(TicketFilterSet)),
        Field("format", gettext_lazy("Format"), choice_of(FORMAT_LABELS)),
        Field("language", gettext_lazy("Language"), choice_of(settings.LANGUAGES)),
    ],
    results=[
        Field("rows", gettext_lazy("Tickets exported")),
        Field("format", gettext_lazy("Format"), choice_of(FORMAT_LABELS)),
        Field("masked", gettext_lazy("Personal data masked")),
    ],
)
def export_tickets(
    ctx: JobContext, filters: dict[str, Any] | None = None, format: str = "csv", language: str | None = None
) -> dict[str, Any]:
    """CSV or XLSX of the tickets matching the list filters, personal data masked unless the
    requester may see it; the read is logged like any other."""
    if format not in ("csv", "xlsx"):
        raise ValueError(f"Unknown export format {format!r}")
    with translation.override(language or translation.get_language()):
        user = ctx.run.requested_by
        capabilities = _capabilities(user, ctx)
        show_personal = Capability.SEE_PERSONAL_DATA in capabilities
        base = Ticket.objects.for_tenant(ctx.tenant).select_related("assignee_user", "assignee_org")
        filterset = TicketFilterSet(filters or {}, queryset=base, user=user, capabilities=capabilities)
        if not filterset.is_valid():
            raise ValueError(f"Invalid filters: {filterset.errors.as_json()}")
        queryset = sort_tickets(filterset.qs, "reference")
        total = queryset.count()
        ctx.progress(0, gettext_noop("Exporting %(n)d tickets."), n=total)
        columns = _columns()
        rows: list[list[Any]] = []
        ids: list[int] = []
        for index, ticket in enumerate(queryset.iterator(chunk_size=1000), start=1):
            ids.append(ticket.pk)
            ticket = _masked(ticket, show_personal)
            rows.append([_safe(read(ticket)) for _header, read in columns])
            if index % _PROGRESS_EVERY == 0:
                ctx.progress(90 * index / max(total, 1))
        header = [title for title, _read in columns]
        content = _render_csv(header, rows) if format == "csv" else _render_xlsx(header, rows)
        record_personal_read(
            ctx.tenant,
            Ticket,
            ids,
            sorted(Ticket.personal_fields),
            actor=user if user is not None else "tickets.export",
            channel=PersonalDataAccess.Channel.EXPORT,
            masked=not show_personal,
            path=f"jobs/{ctx.run.pk}",
        )
        ctx.save_file(f"tickets-{timezone.localtime():%Y%m%d-%H%M}.{format}", content)
        ctx.progress(100, gettext_noop("%(n)d tickets exported."), n=len(ids))
    return {"rows": len(ids), "format": format, "masked": not show_personal}


@register_job(
    "tickets.sla_sweep",
    gettext_lazy("SLA sweep"),
    results=[Field("escalated", gettext_lazy("Breaches escalated"))],
    result_url=_overdue_list,
    result_label=gettext_lazy("Overdue work items"),
)
def sla_sweep(ctx: JobContext) -> dict[str, Any]:
    """Escalate every new breach of an acknowledge or resolve due time in this tenant (idempotent)."""
    result = sla.sweep(ctx.tenant)
    ctx.progress(100, gettext_noop("%(n)d breaches escalated."), n=result["escalated"])
    return result
