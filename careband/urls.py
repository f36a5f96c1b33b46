from __future__ import annotations

from django.urls import URLPattern, path

from careband.views import board, field, programme, relatives, subjects, villages

app_name = "careband"

urlpatterns: list[URLPattern] = [
    path("", programme.IndexView.as_view(), name="index"),
    path("board/", board.BoardView.as_view(), name="board"),
    path("alerts/", board.AlertListView.as_view(), name="alerts"),
    path("alerts/<int:pk>/", field.AlertVisitView.as_view(), name="alert-visit"),
    path("subjects/new/", subjects.SubjectCreateView.as_view(), name="subject-create"),
    path("subjects/enrol/", subjects.EnrolUploadView.as_view(), name="enrol"),
    path("subjects/<int:pk>/", subjects.SubjectDetailView.as_view(), name="subject"),
    path("subjects/<int:pk>/withdraw/", subjects.WithdrawConsentView.as_view(), name="withdraw"),
    path("subjects/<int:pk>/pause/", subjects.PauseView.as_view(), name="pause"),
    path("subjects/<int:pk>/invite/", subjects.InviteView.as_view(), name="invite"),
    path("villages/", villages.VillageIndexView.as_view(), name="villages"),
    path("mine/", relatives.MyPersonView.as_view(), name="mine"),
    path("mine/<int:pk>/contacted/", relatives.ContactedView.as_view(), name="contacted"),
    path("join/", relatives.JoinView.as_view(), name="join"),
    path("join/<str:code>/", relatives.JoinView.as_view(), name="join-code"),
]
