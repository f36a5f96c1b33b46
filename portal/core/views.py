"""Base views: every page that shows tenant-owned rows goes through ``TenantObjectMixin``.

A view declares what it needs; the mixins decide, once for every page, in this order:

1. not signed in → the log-in page;
2. an object named in the URL is not in the caller's scope (another tenant's, or no such row) → 404;
3. the caller may see the object but lacks the capability this request needs → 403.

Step 2 comes before step 3 so that a missing capability never tells anyone that another tenant's
object exists. A view declares the capability it needs (``required_capability``, or per HTTP method
``method_capabilities``) and, when its URL names objects that are not a plain ``pk`` of its
``model``, which model each URL value is the id of (``url_objects``); URL values that name no
object at all (a file format) are listed in ``url_values``. Anything else in the URL counts as not
found for a caller without the capability: the check fails closed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, cast

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.views.generic import CreateView, ListView, UpdateView

from portal.accounts.models import User
from portal.audit.actions import save_record
from portal.core.types import PortalRequest
from portal.tenancy.models import Tenant
from portal.tenancy.roles import Capability
from portal.tenancy.scoping import TenantQuerySet


def visible_rows(queryset: TenantQuerySet, request: PortalRequest) -> TenantQuerySet:
    """The rows of ``queryset`` the caller may see: the active tenant's, plus rows granted to them."""
    if request.tenant is None:  # no unit, no rows (the base mixins answer 404 before this)
        return queryset.none()
    return queryset.for_user(request.user, request.tenant)


def is_visible(queryset: TenantQuerySet, request: PortalRequest, pk: object) -> bool:
    try:
        return visible_rows(queryset, request).filter(pk=pk).exists()
    except (ValueError, TypeError, ValidationError):  # not an id at all: nothing to find
        return False


class TenantRequiredMixin(LoginRequiredMixin):
    """Signed in, with an active tenant, holding the capability this request needs there."""

    required_capability: ClassVar[Capability] = Capability.VIEW
    # Methods that need more than ``required_capability``: {"post": Capability.WORK_TICKETS}.
    method_capabilities: ClassVar[Mapping[str, Capability]] = {}
    # URL values that are ids of tenant-owned rows: {"pk": Ticket, "attachment_pk": Attachment}.
    url_objects: ClassVar[Mapping[str, type[models.Model]]] = {}
    # URL values that name no object (a file format, a page): never looked up.
    url_values: ClassVar[tuple[str, ...]] = ()
    request: HttpRequest  # as Django's views declare it; ``portal_request`` is the same, typed
    kwargs: dict[str, Any]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if getattr(request, "tenant", None) is None:
            raise Http404("No tenant is active for this user.")
        if not self.can(self.needed_capability()):
            self.require_url_objects_in_scope()
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def needed_capability(self) -> Capability:
        method = (self.request.method or "GET").lower()
        return self.method_capabilities.get(method, self.required_capability)

    def url_object_querysets(self) -> dict[str, TenantQuerySet]:
        """For each URL value that is an id, the rows it is looked up in."""
        return {name: model._default_manager.all() for name, model in self.url_objects.items()}  # type: ignore[misc]

    def require_url_objects_in_scope(self) -> None:
        """404 unless every object the URL names is one the caller may see (their tenant's or granted)."""
        querysets = self.url_object_querysets()
        for name, value in self.kwargs.items():
            if name in self.url_values:
                continue
            queryset = querysets.get(name)
            if queryset is None or not is_visible(queryset, self.portal_request, value):
                raise Http404

    @property
    def portal_request(self) -> PortalRequest:
        """``self.request`` with the attributes the tenancy middleware set, for the type checker."""
        return cast("PortalRequest", self.request)

    @property
    def user(self) -> User:
        """The signed-in user (``dispatch`` sends anyone else to the log-in page first)."""
        user = self.request.user
        assert isinstance(user, User), "dispatch() lets only signed-in users through"
        return user

    @property
    def capabilities(self) -> frozenset[Capability]:
        return self.portal_request.capabilities

    @property
    def tenant(self) -> Tenant:
        tenant = self.portal_request.tenant
        assert tenant is not None, "dispatch() answered 404 for a request without a tenant"
        return tenant

    def can(self, capability: Capability) -> bool:
        return capability in self.capabilities


class TenantObjectMixin(TenantRequiredMixin):
    """Pages about a model's rows: ``get_queryset()`` is scoped to the active tenant; reading pages
    also reach rows granted to the user one by one (django-guardian), changing pages never do."""

    model: type[models.Model] | None = None
    queryset: Any = None
    pk_url_kwarg = "pk"

    def base_queryset(self) -> Any:
        if self.queryset is not None:
            return self.queryset.all()
        assert self.model is not None, f"{type(self).__name__} needs a model or a queryset"
        return self.model._default_manager.all()

    def get_queryset(self) -> Any:
        if self.needed_capability() == Capability.VIEW:
            return visible_rows(self.base_queryset(), self.portal_request)
        return self.base_queryset().for_tenant(self.tenant)

    def url_object_querysets(self) -> dict[str, TenantQuerySet]:
        return {self.pk_url_kwarg: self.base_queryset(), **super().url_object_querysets()}

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_form_kwargs()  # type: ignore[misc]
        kwargs["tenant"] = self.tenant
        return kwargs


class FilteredListView(TenantObjectMixin, ListView):
    """A list narrowed by a django-filter ``filterset_class``; bad filter values show as form errors."""

    filterset_class: Any = None
    paginate_by = 25

    def get_queryset(self) -> Any:
        self.filterset = self.filterset_class(
            self.request.GET or None, queryset=super().get_queryset(), request=self.request
        )
        return self.filterset.qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["can_manage"] = self.can(Capability.MANAGE_RECORDS)
        return context


class AuditedFormMixin(TenantObjectMixin):
    """Create and edit pages: need MANAGE_RECORDS, save through ``save_record`` (audited, atomic).

    ``relation_fields`` name the many-to-many fields of the form; they are saved by the service, so
    their change is audited too.
    """

    required_capability = Capability.MANAGE_RECORDS
    relation_fields: tuple[str, ...] = ()
    object: Any

    def relations(self, form: Any) -> dict[str, Any]:
        return {name: form.cleaned_data[name] for name in self.relation_fields if name in form.cleaned_data}

    def form_valid(self, form: Any) -> HttpResponse:
        obj: models.Model = form.save(commit=False)
        try:
            self.object = save_record(obj, self.user, self.relations(form))  # type: ignore[type-var]
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)  # type: ignore[attr-defined]
        return HttpResponseRedirect(self.get_success_url())  # type: ignore[attr-defined]


class AuditedCreateView(AuditedFormMixin, CreateView):  # type: ignore[misc]
    pass


class AuditedUpdateView(AuditedFormMixin, UpdateView):  # type: ignore[misc]
    pass
