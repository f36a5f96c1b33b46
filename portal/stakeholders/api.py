"""``/api/v1/organisations/``, ``people/``, ``agreements/`` and ``meetings/``."""

from __future__ import annotations

from typing import Any

from django_filters.rest_framework import DjangoFilterBackend

from portal.api.routing import router
from portal.api.viewsets import TenantModelViewSet
from portal.stakeholders import filters, serializers
from portal.stakeholders.models import Agreement, Meeting, Organisation, Person
from portal.stakeholders.services import save_record


class AuditedRelationsViewSet(TenantModelViewSet):
    """Writes go through ``save_record``: one audited, atomic save of the row and its
    many-to-many relations (the base class would assign those directly, which Django refuses)."""

    filter_backends = [DjangoFilterBackend]  # the filter sets carry ``search`` themselves

    def _save(self, serializer: Any, instance: Any) -> None:
        data = dict(serializer.validated_data)
        relations = {name: data.pop(name) for name in list(data) if instance._meta.get_field(name).many_to_many}
        for name, value in data.items():
            setattr(instance, name, value)
        serializer.instance = save_record(instance, self.actor(), relations)

    def perform_create(self, serializer: Any) -> None:
        model = serializer.Meta.model
        self._save(serializer, model(tenant=self.request.tenant))  # type: ignore[attr-defined]

    def perform_update(self, serializer: Any) -> None:
        self._save(serializer, serializer.instance)


class OrganisationViewSet(AuditedRelationsViewSet):
    queryset = Organisation.objects.prefetch_related("needs", "resources")
    serializer_class = serializers.OrganisationSerializer
    filterset_class = filters.OrganisationFilter


class PersonViewSet(AuditedRelationsViewSet):
    queryset = Person.objects.select_related("organisation")
    serializer_class = serializers.PersonSerializer
    filterset_class = filters.PersonFilter


class AgreementViewSet(AuditedRelationsViewSet):
    queryset = Agreement.objects.prefetch_related("parties")
    serializer_class = serializers.AgreementSerializer
    filterset_class = filters.AgreementFilter


class MeetingViewSet(AuditedRelationsViewSet):
    queryset = Meeting.objects.prefetch_related("organisations", "attendees", "decisions")
    serializer_class = serializers.MeetingSerializer
    filterset_class = filters.MeetingFilter


router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("people", PersonViewSet, basename="person")
router.register("agreements", AgreementViewSet, basename="agreement")
router.register("meetings", MeetingViewSet, basename="meeting")
