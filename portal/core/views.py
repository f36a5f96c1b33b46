"""Base views: every page that shows tenant-owned rows goes through ``TenantObjectMixin``.

A view names its model (or queryset) and the capability it needs; the mixin scopes the queryset to
the active tenant, so another tenant's object is simply not found (404), and refuses users without
the capability (403 — they can see the tenant, just not do this).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponseBase

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
        return self.base_queryset().for_tenant(self.tenant)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_form_kwargs()  # type: ignore[misc]
        kwargs["tenant"] = self.tenant
        return kwargs
