from __future__ import annotations

from django.urls import path

from portal.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.ChangeRecordListView.as_view(), name="change-list"),
    path("<int:pk>/", views.ChangeRecordDetailView.as_view(), name="change-detail"),
    path("personal-data/", views.PersonalDataAccessListView.as_view(), name="access-list"),
    path("personal-data/purge/", views.PurgeAccessLogView.as_view(), name="access-purge"),
]
