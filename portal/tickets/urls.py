from __future__ import annotations

from django.urls import path

from portal.tickets import views

app_name = "tickets"

urlpatterns = [
    path("", views.TicketListView.as_view(), name="list"),
    path("new/", views.TicketCreateView.as_view(), name="create"),
    path("export/", views.TicketExportView.as_view(), name="export"),
    path("<int:pk>/", views.TicketDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.TicketEditView.as_view(), name="edit"),
    path("<int:pk>/transition/", views.TicketTransitionView.as_view(), name="transition"),
    path("<int:pk>/comments/", views.TicketCommentView.as_view(), name="comment"),
    path("<int:pk>/attachments/", views.TicketAttachmentUploadView.as_view(), name="attachment-upload"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        views.AttachmentDownloadView.as_view(),
        name="attachment-download",
    ),
    path("<int:pk>/children/", views.TicketChildrenView.as_view(), name="children"),
]
