from __future__ import annotations

from django.urls import path

from alliance.views import desk, parks, places, programme, public

app_name = "alliance"

urlpatterns = [
    path("", programme.ProgrammeView.as_view(), name="index"),
    path("members/", places.MemberListView.as_view(), name="member-list"),
    path("places/", places.PlaceListView.as_view(), name="place-list"),
    path("places/<int:pk>/", places.PlaceDetailView.as_view(), name="place-detail"),
    path("places/<int:pk>/card/", places.PlaceCardView.as_view(), name="place-card"),
    path("desk/", desk.DeskListView.as_view(), name="desk"),
    path("desk/new/", desk.DeskEntryView.as_view(), name="desk-new"),
    path("desk/<int:pk>/", desk.DeskDetailView.as_view(), name="desk-detail"),
    path("desk/<int:pk>/status/", desk.DeskStatusView.as_view(), name="desk-status"),
    path("desk/<int:pk>/not-ours/", desk.DeskNotOursView.as_view(), name="desk-not-ours"),
    path("desk/<int:pk>/joint-visit/", desk.DeskJointVisitView.as_view(), name="desk-joint-visit"),
    path("desk/<int:pk>/plus-one/", desk.DeskPlusOneView.as_view(), name="desk-plus-one"),
    path("hookups/", parks.HookupOverviewView.as_view(), name="hookups"),
    path("hookups/projects/<int:pk>/", parks.ProjectDetailView.as_view(), name="project-detail"),
    path("hookups/projects/<int:pk>/step/", parks.StepDoneView.as_view(), name="project-step"),
    path("enterprises/<int:pk>/", parks.EnterpriseDetailView.as_view(), name="enterprise-detail"),
    # Residents, no login: the card's QR code and the status link.
    path("r/<uuid:key>/", public.PublicRequestView.as_view(), name="public-form"),
    path("r/<uuid:key>/plus-one/<uuid:token>/", public.PublicPlusOneView.as_view(), name="public-plus-one"),
    path("s/<uuid:token>/", public.PublicStatusView.as_view(), name="public-status"),
]
