"""API serializers of the stakeholder records. Input rules come from ``validators``, as in the forms."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from portal.api.serializers import TenantModelSerializer
from portal.core.programmes import programme_choices
from portal.stakeholders import validators
from portal.stakeholders.models import Agreement, Decision, Meeting, Need, Organisation, Person, Resource

PROGRAMME_CODES = [code for code, _name in programme_choices()]


class NeedSerializer(serializers.ModelSerializer):
    class Meta:
        model = Need
        fields = ["id", "programme", "description"]


class ResourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Resource
        fields = ["id", "programme", "description"]


class OrganisationSerializer(TenantModelSerializer):
    programmes = serializers.ListField(
        child=serializers.ChoiceField(choices=PROGRAMME_CODES), required=False, max_length=len(PROGRAMME_CODES)
    )
    needs = NeedSerializer(many=True, read_only=True)
    resources = ResourceSerializer(many=True, read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "short_name",
            "kind",
            "programmes",
            "district",
            "address",
            "latitude",
            "longitude",
            "contact_name",
            "contact_phone",
            "description",
            "needs",
            "resources",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "latitude": {"validators": [validators.validate_latitude]},
            "longitude": {"validators": [validators.validate_longitude]},
            "contact_phone": {"validators": [validators.validate_phone]},
        }

    def validate_programmes(self, value: list[str]) -> list[str]:
        return sorted(set(value))

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        instance = self.instance
        latitude = attrs.get("latitude", getattr(instance, "latitude", None))
        longitude = attrs.get("longitude", getattr(instance, "longitude", None))
        validators.check_coordinates(latitude, longitude)
        return attrs


class PersonSerializer(TenantModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True, default=None)

    class Meta:
        model = Person
        fields = [
            "id",
            "name",
            "kind",
            "organisation",
            "organisation_name",
            "position",
            "phone",
            "id_number",
            "address",
            "notes",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "phone": {"validators": [validators.validate_phone]},
            "id_number": {"validators": [validators.validate_id_number]},
        }

    def validate_id_number(self, value: str) -> str:
        return value.strip().upper()


class AgreementSerializer(TenantModelSerializer):
    has_document = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = [
            "id",
            "title",
            "programme",
            "parties",
            "signed_on",
            "valid_until",
            "summary",
            "has_document",
            "created_at",
            "updated_at",
        ]

    def get_has_document(self, agreement: Agreement) -> bool:
        # The file itself is downloaded in the browser, through the tenant-scoped document view.
        return bool(agreement.document)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        signed_on = attrs.get("signed_on", getattr(self.instance, "signed_on", None))
        valid_until = attrs.get("valid_until", getattr(self.instance, "valid_until", None))
        validators.check_date_order(signed_on, valid_until, "valid_until")
        return attrs


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["id", "text", "created_at"]


class MeetingSerializer(TenantModelSerializer):
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "title",
            "kind",
            "programme",
            "held_at",
            "place",
            "organisations",
            "attendees",
            "minutes",
            "decisions",
            "created_at",
            "updated_at",
        ]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        validators.check_meeting_time(attrs.get("held_at"))
        return attrs
