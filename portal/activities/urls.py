from __future__ import annotations

from django.urls import path

from portal.activities import views

app_name = "activities"

urlpatterns = [
    path("", views.ActivityListView.as_view(), name="list"),
    path("new/", views.ActivityCreateView.as_view(), name="create"),
    path("<int:pk>/", views.ActivityDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.ActivityUpdateView.as_view(), name="edit"),
]
