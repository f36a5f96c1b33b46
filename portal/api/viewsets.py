"""The base viewset: scoping, prefetching, auditing and personal-data logging in one place.

A programme's viewset declares its queryset, serializer and filters, and what a write needs;
everything else is here — including the ``select_related``/``prefetch_related`` of what the
serializer shows (``portal.api.prefetch``)::

    class MeetingViewSet(TenantModelViewSet):
        queryset = Meeting.objects.all()
        serializer_class = MeetingSerializer
        filterset_fields = ["kind"]
        write_capabilities = {"create": Capability.MANAGE_RECORDS}

Who may do what is decided once, in this order: no (valid) credentials → 401; an id in the URL that
is not the caller's tenant's → 404, before any capability is looked at, so a partner of another
tenant cannot tell from a 403 that the row exists; the caller's own row but a missing capability or
programme scope → 403 (``portal.api.permissions.IsTenantMember``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, NoReturn

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from portal.api.prefetch import serializer_relations
from portal.api.serializers import personal_fields_of
from portal.audit.actions import delete_audited, record_personal_read, save_record
from portal.audit.models import PersonalDataAccess
from portal.core.models import AuditedModel
from portal.tenancy.roles import Capability


class TenantScopedMixin:
    request: Any  # a DRF Request; typed loosely so it agrees with View.request
    queryset: Any
    kwargs: dict[str, Any]
    lookup_field: str
    lookup_url_kwarg: str | None
    # The programme a partner key must be scoped to (``ApiKey.programmes``); "core" needs none.
    programme: str = "core"
    # What a write needs: per action ("create", "partial_update", a custom action), else one for all.
    write_capability: ClassVar[Capability] = Capability.MANAGE_RECORDS
    write_capabilities: ClassVar[Mapping[str, Capability]] = {}

    def get_queryset(self) -> Any:
        return self.queryset.for_tenant(self.request.tenant)

    def permission_denied(self, request: Request, message: str | None = None, code: str | None = None) -> NoReturn:
        """Refused by a permission: 401, then 404 for an id outside the caller's scope, then 403."""
        if request.authenticators and not request.successful_authenticator:
            raise exceptions.NotAuthenticated
        if getattr(request, "tenant", None) is not None and not self._url_object_in_scope():
            raise exceptions.NotFound
        raise exceptions.PermissionDenied(detail=message, code=code)

    def _url_object_in_scope(self) -> bool:
        value = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)
        if value is None:
            return True  # a list or a create: no object to find
        try:
            return bool(self.get_queryset().filter(**{self.lookup_field: value}).exists())
        except (ValueError, TypeError, DjangoValidationError):  # not an id at all
            return False

    def actor(self) -> Any:
        return self.request.auth if self.request.auth is not None else self.request.user

    def shown_fields(self) -> set[str] | None:
        """The model fields the serializer shows (None: it cannot tell, count them all as shown)."""
        get_serializer = getattr(self, "get_serializer", None)
        serializer = get_serializer() if get_serializer is not None else None
        if not isinstance(serializer, serializers.Serializer):
            return None
        return {field.source for field in serializer.fields.values() if field.source and not field.write_only}

    def log_personal_read(self, objects: list[models.Model]) -> None:
        """Log a read of the personal fields the response shows (an alert's note, not shown, is not read)."""
        if not objects:
            return
        model = type(objects[0])
        fields = set(personal_fields_of(model))
        shown = self.shown_fields()
        if shown is not None:
            fields &= shown
        if not fields:
            return
        record_personal_read(
            self.request.tenant,
            model,
            [o.pk for o in objects],
            sorted(fields),
            actor=self.actor(),
            channel=PersonalDataAccess.Channel.API,
            masked=Capability.SEE_PERSONAL_DATA not in getattr(self.request, "capabilities", frozenset()),
            path=self.request.get_full_path(),
        )


class TenantReadOnlyViewSet(TenantScopedMixin, viewsets.ReadOnlyModelViewSet):
    # When True, list and retrieve fetch what the serializer shows with the rows (``api.prefetch``).
    prefetch_serializer_relations: ClassVar[bool] = True

    def filter_queryset(self, queryset: Any) -> Any:
        """The filtered rows, fetched with every relation the serializer reads."""
        queryset = super().filter_queryset(queryset)
        if self.prefetch_serializer_relations and isinstance(queryset, models.QuerySet):
            queryset = serializer_relations(self.get_serializer(), queryset.model).apply(queryset)
        return queryset

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = list(page) if page is not None else list(queryset)
        self.log_personal_read(rows)
        serializer = self.get_serializer(rows, many=True)
        if page is not None:
            return self.get_paginated_response(serializer.data)
        return Response(serializer.data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        self.log_personal_read([instance])
        return Response(self.get_serializer(instance).data)


class TenantModelViewSet(
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    TenantReadOnlyViewSet,
):
    """Read and write. Writes of audited rows go through ``save_record``: one atomic, audited save
    of the row and its many-to-many relations."""

    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def _save(self, serializer: Any, instance: models.Model) -> None:
        data = dict(serializer.validated_data)
        relations = {name: data.pop(name) for name in list(data) if instance._meta.get_field(name).many_to_many}
        for name, value in data.items():
            setattr(instance, name, value)
        if isinstance(instance, AuditedModel):
            serializer.instance = save_record(instance, self.actor(), relations)
            return
        with transaction.atomic():
            instance.save()
            for name, rows in relations.items():
                getattr(instance, name).set(list(rows))
        serializer.instance = instance

    def perform_create(self, serializer: Any) -> None:
        self._save(serializer, serializer.Meta.model(tenant=self.request.tenant))

    def perform_update(self, serializer: Any) -> None:
        self._save(serializer, serializer.instance)

    @transaction.atomic
    def perform_destroy(self, instance: Any) -> None:
        if isinstance(instance, AuditedModel):
            delete_audited(instance, self.actor())
        else:
            instance.delete()
