"""The shell of the browser UI: dashboard and tenant switching."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from portal.core.types import PortalRequest
from portal.core.views import TenantRequiredMixin
from portal.tenancy.middleware import SESSION_KEY
from portal.web.dashboard import dashboard_context


class DashboardView(TenantRequiredMixin, TemplateView):
    template_name = "web/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(dashboard_context(self.portal_request, self.tenant))
        return context


@login_required
@require_POST
def switch_tenant(request: PortalRequest) -> HttpResponse:
    slug = request.POST.get("tenant", "")
    access = request.tenant_access
    tenant = next((t for t in access.tenants if t.slug == slug), None)
    if tenant is None:
        raise Http404(_("No such tenant."))
    request.session[SESSION_KEY] = tenant.pk
    messages.success(request, _("You are now working in %(tenant)s.") % {"tenant": tenant.name})
    # Stay on the same kind of page, but never on an object of the previous tenant: go to the list
    # page the user came from when it is safe, else to the dashboard.
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(target)
    return redirect("web:dashboard")
