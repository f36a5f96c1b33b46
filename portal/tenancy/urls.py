from __future__ import annotations

from django.urls import path

from portal.tenancy import views

app_name = "tenancy"

urlpatterns = [
    path("api-keys/", views.ApiKeyListView.as_view(), name="apikey-list"),
    path("api-keys/new/", views.ApiKeyCreateView.as_view(), name="apikey-create"),
    path("api-keys/<int:pk>/revoke/", views.ApiKeyRevokeView.as_view(), name="apikey-revoke"),
    path("members/", views.MemberListView.as_view(), name="member-list"),
]
