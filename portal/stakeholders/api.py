"""``/api/v1/organisations/``, ``people/``, ``agreements/`` and ``meetings/``."""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend

from portal.api.routing import router
from portal.api.viewsets import TenantModelViewSet
from portal.stakeholders import filters, serializers
from portal.stakeholders.models import Agreement, Meeting, Organisation, Person


class StakeholderViewSet(TenantModelViewSet):
    filter_backends = [DjangoFilterBackend]  # the filter sets carry ``search`` themselves


class OrganisationViewSet(StakeholderViewSet):
    queryset = Organisation.objects.all()
    serializer_class = serializers.OrganisationSerializer
    filterset_class = filters.OrganisationFilter


class PersonViewSet(StakeholderViewSet):
    queryset = Person.objects.all()
    serializer_class = serializers.PersonSerializer
    filterset_class = filters.PersonFilter


class AgreementViewSet(StakeholderViewSet):
    queryset = Agreement.objects.all()
    serializer_class = serializers.AgreementSerializer
    filterset_class = filters.AgreementFilter


class MeetingViewSet(StakeholderViewSet):
    queryset = Meeting.objects.all()
    serializer_class = serializers.MeetingSerializer
    filterset_class = filters.MeetingFilter


router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("people", PersonViewSet, basename="person")
router.register("agreements", AgreementViewSet, basename="agreement")
router.register("meetings", MeetingViewSet, basename="meeting")
