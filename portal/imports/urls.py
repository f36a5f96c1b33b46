from __future__ import annotations

from django.urls import path

from portal.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.ImportIndexView.as_view(), name="index"),
    path("batches/<int:pk>/", views.BatchDetailView.as_view(), name="batch"),
    path("batches/<int:pk>/report/", views.BatchReportView.as_view(), name="batch-report"),
    path("batches/<int:pk>/file/", views.BatchFileView.as_view(), name="batch-file"),
    # Data set codes read <package>.<name>: letters, digits, _ and one dot.
    path("<str:code>/", views.DatasetFormatView.as_view(), name="dataset"),
    path("<str:code>/sample.csv", views.SampleDownloadView.as_view(), name="sample"),
    path("<str:code>/upload/", views.UploadView.as_view(), name="upload"),
]
