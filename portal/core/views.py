"""Base views: every page that shows tenant-owned rows goes through ``TenantObjectMixin``.

A view names its model (or queryset) and the capability it needs; the mixin scopes the queryset to
the active tenant, so another tenant's object is simply not found (404), and refuses users without
the capability (403 — they can see the tenant, just not do this).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.views.generic import CreateView, ListView, UpdateView

from portal.audit.actions import save_record
from portal.tenancy.roles import Capability


class TenantRequiredMixin(LoginRequiredMixin):
    """Signed in, with an active tenant, holding ``required_capability`` there."""

    required_capability: Capability = Capability.VIEW
    request: HttpRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if getattr(request, "tenant", None) is None:
            raise Http404("No tenant is active for this user.")
        if self.required_capability not in request.capabilities:  # type: ignore[attr-defined]
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[no-any-return]

    @property
    def tenant(self) -> Any:
        return self.request.tenant  # type: ignore[attr-defined]

    def can(self, capability: Capability) -> bool:
        return capability in self.request.capabilities  # type: ignore[attr-defined]


class TenantObjectMixin(TenantRequiredMixin):
    model: type[models.Model] | None = None
    queryset: Any = None

    def base_queryset(self) -> Any:
        if self.queryset is not None:
            return self.queryset.all()
        assert self.model is not None, f"{type(self).__name__} needs a model or a queryset"
        return self.model._default_manager.all()

    def get_queryset(self) -> Any:
        if self.required_capability == Capability.VIEW:
            # Reading may reach single rows granted to this user (django-guardian); changing never.
            return self.base_queryset().for_user(self.request.user, self.tenant)
        return self.base_queryset().for_tenant(self.tenant)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_form_kwargs()  # type: ignore[misc]
        kwargs["tenant"] = self.tenant
        return kwargs


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
