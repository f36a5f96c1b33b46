from __future__ import annotations

from django.urls import path

from portal.stakeholders.views import agreements, meetings, organisations, people

app_name = "stakeholders"

urlpatterns = [
    path("", organisations.OrganisationListView.as_view(), name="organisation-list"),
    path("organisations/new/", organisations.OrganisationCreateView.as_view(), name="organisation-create"),
    path("organisations/<int:pk>/", organisations.OrganisationDetailView.as_view(), name="organisation-detail"),
    path("organisations/<int:pk>/edit/", organisations.OrganisationUpdateView.as_view(), name="organisation-edit"),
    path("organisations/<int:pk>/needs/", organisations.NeedAddView.as_view(), name="need-add"),
    path("needs/<int:pk>/remove/", organisations.NeedRemoveView.as_view(), name="need-remove"),
    path("organisations/<int:pk>/resources/", organisations.ResourceAddView.as_view(), name="resource-add"),
    path("resources/<int:pk>/remove/", organisations.ResourceRemoveView.as_view(), name="resource-remove"),
    path("people/", people.PersonListView.as_view(), name="person-list"),
    path("people/new/", people.PersonCreateView.as_view(), name="person-create"),
    path("people/<int:pk>/", people.PersonDetailView.as_view(), name="person-detail"),
    path("people/<int:pk>/edit/", people.PersonUpdateView.as_view(), name="person-edit"),
    path("agreements/", agreements.AgreementListView.as_view(), name="agreement-list"),
    path("agreements/new/", agreements.AgreementCreateView.as_view(), name="agreement-create"),
    path("agreements/<int:pk>/", agreements.AgreementDetailView.as_view(), name="agreement-detail"),
    path("agreements/<int:pk>/edit/", agreements.AgreementUpdateView.as_view(), name="agreement-edit"),
    path("agreements/<int:pk>/document/", agreements.AgreementDocumentView.as_view(), name="agreement-document"),
    path("meetings/", meetings.MeetingListView.as_view(), name="meeting-list"),
    path("meetings/new/", meetings.MeetingCreateView.as_view(), name="meeting-create"),
    path("meetings/<int:pk>/", meetings.MeetingDetailView.as_view(), name="meeting-detail"),
    path("meetings/<int:pk>/edit/", meetings.MeetingUpdateView.as_view(), name="meeting-edit"),
    path("meetings/<int:pk>/decisions/", meetings.DecisionAddView.as_view(), name="decision-add"),
]
