"""Mounted at ``/open311/v2/`` (namespace ``open311``)."""

from __future__ import annotations

from django.urls import re_path

from alliance.open311 import views

app_name = "open311"

FMT = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    re_path(rf"^discovery{FMT}", views.discovery, name="discovery"),
    re_path(rf"^services{FMT}", views.services, name="services"),
    re_path(rf"^services/(?P<code>[-\w]+){FMT}", views.service_definition, name="service"),
    re_path(rf"^requests{FMT}", views.requests, name="requests"),
    re_path(rf"^requests/(?P<request_id>[-\w]+){FMT}", views.request_detail, name="request"),
    re_path(rf"^tokens/(?P<token_id>[-\w]+){FMT}", views.token, name="token"),
    re_path(r"^(?P<path>.*)$", views.not_found, name="not-found"),
]
