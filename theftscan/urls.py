from __future__ import annotations

from django.urls import path

from theftscan.views import cases, report

app_name = "theftscan"

urlpatterns = [
    path("", report.IndexView.as_view(), name="index"),
    path("run/", report.RunView.as_view(), name="run"),
    path("report/", report.ReportView.as_view(), name="report"),
    path("report/export.<str:fmt>", report.ExportView.as_view(), name="export"),
    path("areas/<int:pk>/", report.AreaView.as_view(), name="area"),
    path("suspects/", report.SuspectListView.as_view(), name="suspects"),
    path("suspects/<int:pk>/inspect/", cases.OpenCaseView.as_view(), name="open-case"),
    path("map/", report.MapView.as_view(), name="map"),
    path("cases/", cases.CaseListView.as_view(), name="cases"),
    path("cases/<int:pk>/", cases.CaseView.as_view(), name="case"),
    path("calculator/", cases.CalculatorView.as_view(), name="calculator"),
    path("rules/", cases.RulesView.as_view(), name="rules"),
]
