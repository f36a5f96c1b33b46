from __future__ import annotations

from django.urls import path

from portal.jobs import views

app_name = "jobs"

urlpatterns = [
    path("", views.JobRunListView.as_view(), name="list"),
    path("<int:pk>/", views.JobRunDetailView.as_view(), name="detail"),
    path("<int:pk>/progress/", views.JobRunProgressView.as_view(), name="progress"),
    path("<int:pk>/download/", views.JobRunDownloadView.as_view(), name="download"),
]
