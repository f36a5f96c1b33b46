"""Tenant administration pages: partner API keys and the member list (capability ADMIN_TENANT)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView

from portal.api.keys import issue_key, revoke_key
from portal.api.models import ApiKey
from portal.core.views import TenantObjectMixin, TenantRequiredMixin
from portal.tenancy.forms import ApiKeyForm
from portal.tenancy.members import members_of
from portal.tenancy.roles import Capability


class ApiKeyListView(TenantObjectMixin, ListView):
    required_capability = Capability.ADMIN_TENANT
    model = ApiKey
    paginate_by = 50
    template_name = "tenancy/apikey_list.html"

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("created_by").order_by("revoked_at", "name", "-created_at")


class ApiKeyCreateView(TenantRequiredMixin, FormView):
    required_capability = Capability.ADMIN_TENANT
    form_class = ApiKeyForm
    template_name = "tenancy/apikey_form.html"

    def form_valid(self, form: ApiKeyForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            key, token = issue_key(
                self.tenant,
                data["name"],
                programmes=data["programmes"],
                days=data["days"],
                can_see_personal_data=data["can_see_personal_data"],
                created_by=self.request.user,
            )
        except ValidationError as exc:
            form.add_error("name" if exc.code == "duplicate" else None, exc)
            return self.form_invalid(form)
        # The token is rendered once, in this response, and never stored; no redirect, no cache.
        response = TemplateResponse(self.request, "tenancy/apikey_issued.html", {"key": key, "token": token})
        response["Cache-Control"] = "no-store"
        return response


class ApiKeyRevokeView(TenantObjectMixin, View):
    required_capability = Capability.ADMIN_TENANT
    model = ApiKey
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        key = get_object_or_404(self.get_queryset(), pk=pk)
        if revoke_key(self.tenant, pk=key.pk):
            messages.success(request, _("The key “%(name)s” was revoked.") % {"name": key.name})
        else:
            messages.info(request, _("The key “%(name)s” was already revoked.") % {"name": key.name})
        return HttpResponseRedirect(reverse("tenancy:apikey-list"))


class MemberListView(TenantRequiredMixin, ListView):
    required_capability = Capability.ADMIN_TENANT
    template_name = "tenancy/member_list.html"
    context_object_name = "members"

    def get_queryset(self) -> Any:
        return members_of(self.tenant)
