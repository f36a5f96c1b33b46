"""The portal's URLs plus the meters pages, until portal/urls.py includes them itself."""

from __future__ import annotations

from django.urls import include, path

from portal.urls import urlpatterns as portal_urlpatterns

_included = any(str(getattr(p, "pattern", "")) == "meters/" for p in portal_urlpatterns)
urlpatterns = [*portal_urlpatterns]
if not _included:
    urlpatterns.append(path("meters/", include("portal.meters.urls")))
