"""People pages. Names, phone numbers, ID numbers and addresses are personal data: shown masked to
users without SEE_PERSONAL_DATA, and every page that shows them is logged."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.views.generic import DetailView

from portal.core.views import AuditedCreateView, AuditedUpdateView, FilteredListView, TenantObjectMixin
from portal.stakeholders.filters import PersonFilter
from portal.stakeholders.forms import PersonForm
from portal.stakeholders.models import Person
from portal.stakeholders.personal import log_detail_read, log_page_read
from portal.tenancy.roles import Capability


class PersonListView(FilteredListView):
    model = Person
    filterset_class = PersonFilter
    template_name = "stakeholders/person_list.html"

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("organisation")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        log_page_read(self.portal_request, context["object_list"], ("name", "phone"))
        return context


class PersonDetailView(TenantObjectMixin, DetailView):
    model = Person
    template_name = "stakeholders/person_detail.html"

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("organisation").prefetch_related("meetings")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_manage"] = self.can(Capability.MANAGE_RECORDS)
        log_detail_read(self.portal_request, self.object)
        return context


class PersonCreateView(AuditedCreateView):
    model = Person
    form_class = PersonForm
    template_name = "stakeholders/person_form.html"

    def get_initial(self) -> dict[str, Any]:
        # "Add a person" on an organisation page pre-selects it (the form still checks the tenant).
        initial: dict[str, Any] = super().get_initial()
        organisation = self.request.GET.get("organisation", "")
        if organisation.isdigit():
            initial["organisation"] = int(organisation)
        return initial

    def get_success_url(self) -> str:
        return reverse("stakeholders:person-detail", args=[self.object.pk])


class PersonUpdateView(PersonCreateView, AuditedUpdateView):
    pass
