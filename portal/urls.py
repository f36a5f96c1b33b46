from __future__ import annotations

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import JavaScriptCatalog

from portal.core.programmes import programme_apps

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("portal.web.urls")),
    path("accounts/", include("portal.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("portal.api.urls")),
    path("tenant/", include("portal.tenancy.urls")),
    path("audit/", include("portal.audit.urls")),
]

for core_package in ("stakeholders", "tickets", "activities", "jobs", "meters", "imports"):
    urlpatterns.append(path(f"{core_package}/", include(f"portal.{core_package}.urls")))

# Each programme app at /<code>/, and the extra mounts it declares (see portal/core/contract.py).
for app in programme_apps():
    urlpatterns.append(path(f"{app.code}/", include(app.urlconf)))
    urlpatterns.extend(path(mount.prefix, include(mount.urlconf)) for mount in app.mounts)
# Uploaded files are never served straight from MEDIA_ROOT: every download goes through a view that
# finds its row in the active tenant first.
