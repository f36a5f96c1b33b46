"""Building blocks of the stakeholder and activity pages: filtered lists and audited forms."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse, HttpResponseRedirect
from django.views.generic import CreateView, ListView, UpdateView

from portal.core.views import TenantObjectMixin
from portal.stakeholders.services import save_record
from portal.tenancy.roles import Capability


class FilteredListView(TenantObjectMixin, ListView):  # type: ignore[type-arg]
    """A list narrowed by a django-filter ``filterset_class``; bad filter values show as form errors."""

    filterset_class: Any = None
    paginate_by = 25

    def get_queryset(self) -> Any:
        self.filterset = self.filterset_class(
            self.request.GET or None, queryset=super().get_queryset(), request=self.request
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["can_manage"] = self.can(Capability.MANAGE_RECORDS)
        return context


class AuditedFormMixin(TenantObjectMixin):
    """Create and edit pages: need MANAGE_RECORDS, save through ``save_record`` (audited, atomic).

    ``relation_fields`` name the many-to-many fields of the form; they are saved by the service, so
    their change is audited too.
    """

    required_capability = Capability.MANAGE_RECORDS
    relation_fields: tuple[str, ...] = ()
    object: Any

    def relations(self, form: Any) -> dict[str, Any]:
        return {name: form.cleaned_data[name] for name in self.relation_fields if name in form.cleaned_data}

    def form_valid(self, form: Any) -> HttpResponse:
        obj: models.Model = form.save(commit=False)
        try:
            self.object = save_record(obj, self.request.user, self.relations(form))  # type: ignore[type-var]
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)  # type: ignore[attr-defined,no-any-return]
        return HttpResponseRedirect(self.get_success_url())  # type: ignore[attr-defined]


class AuditedCreateView(AuditedFormMixin, CreateView):  # type: ignore[type-arg,misc]
    pass


class AuditedUpdateView(AuditedFormMixin, UpdateView):  # type: ignore[type-arg,misc]
    pass
