from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from portal.core.programmes import installed_programmes

urlpatterns = [
    path("", include("portal.web.urls")),
    path("accounts/", include("portal.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("portal.api.urls")),
    path("tenant/", include("portal.tenancy.urls")),
    path("audit/", include("portal.audit.urls")),
    # Open311 GeoReport v2: public request intake for government and third-party apps.
    path("open311/v2/", include("alliance.open311.urls")),
]

for app_module in ("stakeholders", "tickets", "activities", "jobs", "meters"):
    urlpatterns.append(path(f"{app_module}/", include(f"portal.{app_module}.urls")))

for programme in installed_programmes():
    urlpatterns.append(path(f"{programme.code}/", include(f"{programme.code}.urls")))
# Uploaded files are never served straight from MEDIA_ROOT: every download goes through a view that
# finds its row in the active tenant first.
