"""The project's URLs plus the platform pages, until portal/urls.py includes them itself."""

from __future__ import annotations

from django.urls import include, path

from portal.urls import urlpatterns as project_urlpatterns

_included = {getattr(p, "namespace", None) for p in project_urlpatterns}

urlpatterns = list(project_urlpatterns)
if "tenancy" not in _included:
    urlpatterns.append(path("tenant/", include("portal.tenancy.urls")))
if "audit" not in _included:
    urlpatterns.append(path("audit/", include("portal.audit.urls")))
