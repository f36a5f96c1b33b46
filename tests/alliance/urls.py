"""The portal's URLs plus the Open311 server, as portal/urls.py will mount it."""

from django.urls import include, path

from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [*portal_urlpatterns, path("open311/v2/", include("alliance.open311.urls"))]
