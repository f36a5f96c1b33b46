from __future__ import annotations

from django.urls import path

from portal.meters import views

app_name = "meters"

urlpatterns = [
    path("", views.MeterListView.as_view(), name="meter-list"),
    path("<int:pk>/", views.MeterDetailView.as_view(), name="meter-detail"),
    path("areas/", views.AreaListView.as_view(), name="area-list"),
    path("areas/<int:pk>/", views.AreaDetailView.as_view(), name="area-detail"),
    path("imports/", views.ImportListView.as_view(), name="import-list"),
    path("imports/new/", views.ImportCreateView.as_view(), name="import-create"),
    path("imports/formats/", views.ImportFormatsView.as_view(), name="import-formats"),
    path("imports/formats/sample/", views.ImportSampleView.as_view(), name="import-sample"),
    path("imports/<int:pk>/", views.ImportDetailView.as_view(), name="import-detail"),
    path("imports/<int:pk>/report/", views.ImportReportDownloadView.as_view(), name="import-report"),
    path("imports/<int:pk>/file/", views.ImportFileDownloadView.as_view(), name="import-file"),
]
