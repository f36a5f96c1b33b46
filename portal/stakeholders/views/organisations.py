"""Organisation pages, and the inline (htmx) editing of their needs and resources."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View
from django.views.generic import DetailView

from portal.core.types import PortalRequest, tenant_of
from portal.core.views import AuditedCreateView, AuditedUpdateView, FilteredListView, TenantObjectMixin
from portal.stakeholders import selectors, services
from portal.stakeholders.filters import OrganisationFilter
from portal.stakeholders.forms import NeedForm, OrganisationForm, ResourceForm
from portal.stakeholders.models import Need, Organisation, Resource
from portal.stakeholders.personal import log_detail_read, log_page_read
from portal.tenancy.roles import Capability

CONTACT_FIELDS = ("contact_name", "contact_phone")


class OrganisationListView(FilteredListView):
    model = Organisation
    filterset_class = OrganisationFilter
    template_name = "stakeholders/organisation_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        log_page_read(self.portal_request, context["object_list"], CONTACT_FIELDS)
        return context


def analysis_context(organisation: Organisation, *, can_manage: bool, **forms: Any) -> dict[str, Any]:
    """What the stakeholder analysis fragment needs; ``forms`` carry bound forms with errors."""
    tenant = organisation.tenant
    return {
        "organisation": organisation,
        "analysis": selectors.stakeholder_analysis(organisation),
        "can_manage": can_manage,
        "need_form": forms.get("need_form") or NeedForm(tenant=tenant),
        "resource_form": forms.get("resource_form") or ResourceForm(tenant=tenant),
    }


def detail_context(request: PortalRequest, organisation: Organisation, **forms: Any) -> dict[str, Any]:
    """Everything the organisation page shows; logs the personal data it shows."""
    can_manage = Capability.MANAGE_RECORDS in request.capabilities
    context = analysis_context(organisation, can_manage=can_manage, **forms)
    context["object"] = organisation
    context["people"] = list(organisation.people.all())
    context["agreements"] = list(organisation.agreements.all())
    context["meetings"] = list(organisation.meetings.all())
    context["activities"] = selectors.activities_of(organisation, tenant_of(request)).select_related("organiser")
    log_detail_read(request, organisation)
    log_page_read(request, context["people"], ("name", "phone"))
    return context


ORGANISATION_DETAIL_RELATIONS = ("needs", "resources", "people", "agreements", "meetings")


def organisation_queryset(tenant: Any) -> Any:
    return Organisation.objects.for_tenant(tenant).prefetch_related(*ORGANISATION_DETAIL_RELATIONS)


class OrganisationDetailView(TenantObjectMixin, DetailView):
    model = Organisation
    template_name = "stakeholders/organisation_detail.html"

    def get_queryset(self) -> Any:
        return super().get_queryset().prefetch_related(*ORGANISATION_DETAIL_RELATIONS)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(detail_context(self.portal_request, self.object))
        return context


class OrganisationCreateView(AuditedCreateView):
    model = Organisation
    form_class = OrganisationForm
    template_name = "stakeholders/organisation_form.html"

    def get_success_url(self) -> str:
        return reverse("stakeholders:organisation-detail", args=[self.object.pk])


class OrganisationUpdateView(OrganisationCreateView, AuditedUpdateView):
    pass


class AnalysisItemView(TenantObjectMixin, View):
    """POST-only endpoints that add or remove one need or resource and answer with the fragment.

    Without htmx (no JavaScript) they redirect back to the organisation page instead.
    """

    model: type[models.Model] | None = Organisation
    required_capability = Capability.MANAGE_RECORDS
    http_method_names = ["post"]

    def respond(self, request: PortalRequest, organisation: Organisation, **forms: Any) -> HttpResponse:
        """htmx gets the fragment (with any errors: htmx swaps only 2xx answers); a plain form post
        goes back to the page, or shows it again with the errors."""
        if request.htmx:
            context = analysis_context(organisation, can_manage=True, **forms)
            return render(request, "stakeholders/_analysis.html", context)
        if forms:
            context = detail_context(request, organisation, **forms)
            return render(request, "stakeholders/organisation_detail.html", context, status=400)
        url = reverse("stakeholders:organisation-detail", args=[organisation.pk])
        return HttpResponseRedirect(f"{url}#analysis")

    def organisation(self, pk: int) -> Organisation:
        return get_object_or_404(organisation_queryset(self.tenant), pk=pk)


class NeedAddView(AnalysisItemView):
    def post(self, request: PortalRequest, pk: int) -> HttpResponse:
        organisation = self.organisation(pk)
        form = NeedForm(request.POST, tenant=self.tenant)
        if not form.is_valid():
            return self.respond(request, organisation, need_form=form)
        services.add_need(organisation, self.user, **form.cleaned_data)
        return self.respond(request, self.organisation(pk))  # fetched again: the prefetched rows changed


class ResourceAddView(AnalysisItemView):
    def post(self, request: PortalRequest, pk: int) -> HttpResponse:
        organisation = self.organisation(pk)
        form = ResourceForm(request.POST, tenant=self.tenant)
        if not form.is_valid():
            return self.respond(request, organisation, resource_form=form)
        services.add_resource(organisation, self.user, **form.cleaned_data)
        return self.respond(request, self.organisation(pk))  # fetched again: the prefetched rows changed


class NeedRemoveView(AnalysisItemView):
    model = Need

    def post(self, request: PortalRequest, pk: int) -> HttpResponse:
        need = get_object_or_404(self.get_queryset().select_related("organisation"), pk=pk)
        services.remove_need(need, self.user)
        return self.respond(request, self.organisation(need.organisation_id))


class ResourceRemoveView(AnalysisItemView):
    model = Resource

    def post(self, request: PortalRequest, pk: int) -> HttpResponse:
        resource = get_object_or_404(self.get_queryset().select_related("organisation"), pk=pk)
        services.remove_resource(resource, self.user)
        return self.respond(request, self.organisation(resource.organisation_id))
