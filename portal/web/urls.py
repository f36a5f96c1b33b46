from __future__ import annotations

from django.urls import path

from portal.web import views

app_name = "web"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("tenants/switch/", views.switch_tenant, name="switch-tenant"),
]
