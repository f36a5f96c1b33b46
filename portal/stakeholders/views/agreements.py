"""Agreement pages (共建协议). The signed document is only ever served through ``AgreementDocumentView``."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from django.http import FileResponse, Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views import View
from django.views.generic import DetailView

from portal.core.views import AuditedCreateView, AuditedUpdateView, FilteredListView, TenantObjectMixin
from portal.stakeholders.filters import AgreementFilter
from portal.stakeholders.forms import AgreementForm
from portal.stakeholders.models import Agreement
from portal.tenancy.roles import Capability


class AgreementListView(FilteredListView):
    model = Agreement
    filterset_class = AgreementFilter
    template_name = "stakeholders/agreement_list.html"

    def get_queryset(self) -> Any:
        return super().get_queryset().prefetch_related("parties")


class AgreementDetailView(TenantObjectMixin, DetailView):
    model = Agreement
    template_name = "stakeholders/agreement_detail.html"

    def get_queryset(self) -> Any:
        return super().get_queryset().prefetch_related("parties")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.can(Capability.MANAGE_RECORDS)
        return context


class AgreementCreateView(AuditedCreateView):
    model = Agreement
    form_class = AgreementForm
    template_name = "stakeholders/agreement_form.html"
    relation_fields = ("parties",)

    def get_success_url(self) -> str:
        return reverse("stakeholders:agreement-detail", args=[self.object.pk])


class AgreementUpdateView(AgreementCreateView, AuditedUpdateView):
    pass


class AgreementDocumentView(TenantObjectMixin, View):
    """Download of the signed document: found through the tenant's agreements, or not at all."""

    model = Agreement

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        agreement: Agreement = get_object_or_404(self.get_queryset(), pk=pk)
        if not agreement.document:
            raise Http404("This agreement has no document.")
        try:
            handle = agreement.document.open("rb")
        except FileNotFoundError as exc:
            raise Http404("The document file is missing.") from exc
        filename = PurePosixPath(agreement.document.name or "document").name
        return FileResponse(handle, as_attachment=True, filename=filename)
