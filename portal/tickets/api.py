"""``/api/v1/tickets/``: list, create, retrieve, partial update; ``transition`` and ``comments`` actions.

Writes go through ``services`` like the browser's. Callers without WORK_TICKETS (partners) see
neither internal comments nor non-public events.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from portal.api.routing import router
from portal.api.serializers import TenantModelSerializer
from portal.api.viewsets import TenantModelViewSet
from portal.core.types import portal_request
from portal.tenancy.roles import Capability
from portal.tickets import services
from portal.tickets.filters import TicketFilterSet
from portal.tickets.forms import members_of
from portal.tickets.models import Comment, Ticket, TicketEvent
from portal.tickets.workflow import Status


def _is_staff(context: Mapping[str, Any]) -> bool:
    request = context.get("request")
    return Capability.WORK_TICKETS in getattr(request, "capabilities", frozenset())


class TicketEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor_name", read_only=True)

    class Meta:
        model = TicketEvent
        fields = ["id", "kind", "actor", "from_status", "to_status", "note", "public", "created_at"]
        read_only_fields = fields


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author_name", read_only=True)
    body = serializers.CharField(max_length=services.COMMENT_MAX_LENGTH)

    class Meta:
        model = Comment
        fields = ["id", "author", "body", "internal", "created_at"]
        read_only_fields = ["id", "author", "created_at"]


class TicketSerializer(TenantModelSerializer):
    sla_state = serializers.SerializerMethodField()
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Ticket
        fields = [
            "id",
            "reference",
            "programme",
            "kind",
            "category",
            "title",
            "description",
            "status",
            "priority",
            "owner",
            "assignee_user",
            "assignee_org",
            "parent",
            "channel",
            "requester_name",
            "requester_phone",
            "address",
            "latitude",
            "longitude",
            "acknowledge_due_at",
            "due_at",
            "acknowledged_at",
            "resolved_at",
            "closed_at",
            "created_at",
            "updated_at",
            "is_overdue",
            "sla_state",
        ]
        read_only_fields = [
            "reference",
            "status",
            "owner",
            "acknowledge_due_at",
            "acknowledged_at",
            "resolved_at",
            "closed_at",
            "created_at",
            "updated_at",
        ]

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        tenant = self.request_tenant
        if tenant is not None and "assignee_user" in fields:
            fields["assignee_user"].queryset = members_of(tenant)  # type: ignore[attr-defined]
        if self.instance is not None and not isinstance(self.instance, list):
            # Once created, what a ticket is (programme, type, channel, parent) no longer changes.
            for name in ("programme", "kind", "channel", "parent"):
                fields[name].read_only = True
        return fields

    def get_sla_state(self, ticket: Ticket) -> dict[str, str]:
        state = ticket.sla_state
        return {"acknowledge": state.acknowledge, "resolve": state.resolve}


class TicketDetailSerializer(TicketSerializer):
    events = serializers.SerializerMethodField()

    class Meta(TicketSerializer.Meta):
        fields = [*TicketSerializer.Meta.fields, "events"]

    def get_events(self, ticket: Ticket) -> list[dict[str, Any]]:
        events = ticket.events.select_related("actor")
        if not _is_staff(self.context):
            events = events.filter(public=True)
        return TicketEventSerializer(events, many=True).data  # type: ignore[return-value]


class TransitionSerializer(serializers.Serializer):
    to_status = serializers.ChoiceField(choices=Status.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=services.NOTE_MAX_LENGTH)
    public = serializers.BooleanField(required=False, default=True)


class TicketViewSet(TenantModelViewSet):
    queryset = Ticket.objects.all()
    serializer_class = TicketSerializer
    filterset_class = TicketFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]  # tickets are cancelled, never deleted
    write_capabilities = {
        "create": Capability.CREATE_TICKETS,
        "partial_update": Capability.WORK_TICKETS,
        "transition": Capability.WORK_TICKETS,
        "comments": Capability.WORK_TICKETS,
    }

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        if self.action in ("retrieve", "transition", "partial_update", "create"):
            return TicketDetailSerializer
        return TicketSerializer

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.create_ticket(
            self.request.tenant,
            self.actor(),
            **{"channel": "api", **serializer.validated_data},
        )

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.update_ticket(serializer.instance, self.actor(), serializer.validated_data)

    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        ticket = self.get_object()
        payload = TransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        try:
            services.transition(
                ticket,
                data["to_status"],
                self.actor(),
                data["note"],
                public=data["public"],
                capabilities=portal_request(request).capabilities,
            )
        except services.InvalidTransition as exc:
            message = " ".join(exc.messages)
            return Response({"detail": message, "errors": {"to_status": [message]}}, status=status.HTTP_400_BAD_REQUEST)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.message_dict) from exc
        self.log_personal_read([ticket])
        return Response(self.get_serializer(ticket).data)

    @action(detail=True, methods=["get", "post"])
    def comments(self, request: Request, pk: str | None = None) -> Response:
        ticket = self.get_object()
        if request.method == "GET":
            comments = ticket.comments.select_related("author")
            if not _is_staff({"request": request}):
                comments = comments.filter(internal=False)
            return Response(CommentSerializer(comments, many=True).data)
        payload = CommentSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        comment = services.add_comment(
            ticket, self.actor(), payload.validated_data["body"], internal=payload.validated_data.get("internal", False)
        )
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


router.register("tickets", TicketViewSet, basename="ticket")
