"""Fail-closed tenant scoping: the one place where tenant isolation is enforced.

Every tenant-owned model gets ``TenantManager`` as ``objects``. Its querysets start *unscoped*;
request code must narrow them with ``for_tenant()`` (or ``for_request()``) before they run. While a
request is being served (``TenantMiddleware`` opens a strict scope, and so does the job runner),
evaluating an unscoped queryset raises ``UnscopedQueryError`` instead of silently returning other
tenants' rows. Code that legitimately works across tenants (migrations, the demo loader, superuser
admin, platform reports) says so with ``all_tenants()``.

Read-only pages use ``for_user(user, tenant)``: the tenant's rows plus single rows granted to the user
with django-guardian (``portal.tenancy.grants``).

Querysets reached through a related manager (``ticket.comments.all()``) or a prefetch count as
scoped: their parent object was itself found through a scoped query.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Self

from django.db import models

if TYPE_CHECKING:
    from portal.tenancy.models import Tenant

_strict: ContextVar[bool] = ContextVar("portal_tenant_strict_scope", default=False)


class UnscopedQueryError(RuntimeError):
    """A tenant-owned queryset ran in request code without being scoped to a tenant."""


@contextmanager
def strict_scope() -> Iterator[None]:
    """Within this block, unscoped queries on tenant-owned models raise."""
    token = _strict.set(True)
    try:
        yield
    finally:
        _strict.reset(token)


@contextmanager
def allow_unscoped() -> Iterator[None]:
    """Lift the strict scope for code that filters by tenant itself (unique checks, logins)."""
    token = _strict.set(False)
    try:
        yield
    finally:
        _strict.reset(token)


def scope_is_strict() -> bool:
    return _strict.get()


class TenantQuerySet(models.QuerySet):  # type: ignore[type-arg]
    _tenant_scope: str | None = None

    def _clone(self) -> Self:
        clone = super()._clone()  # type: ignore[misc]
        clone._tenant_scope = self._tenant_scope
        return clone

    def _scoped(self, label: str) -> Self:
        clone = self._chain()  # type: ignore[attr-defined]
        clone._tenant_scope = label
        return clone

    # --- the ways to scope -------------------------------------------------------------------
    def for_tenant(self, tenant: Tenant) -> Self:
        return self.filter(tenant=tenant)._scoped(f"tenant:{tenant.pk}")

    def for_tenants(self, tenants: Iterable[Tenant]) -> Self:
        ids = sorted(t.pk for t in tenants)
        return self.filter(tenant_id__in=ids)._scoped(f"tenants:{ids}")

    def for_user(self, user: Any, tenant: Tenant) -> Self:
        """The tenant's rows, plus single rows of any tenant the user was granted ``view`` on."""
        from portal.tenancy.grants import granted_view_filter  # guardian's models load after ours

        if getattr(user, "pk", None) is None:
            return self.for_tenant(tenant)
        granted = granted_view_filter(user, self.model)
        return self.filter(models.Q(tenant=tenant) | granted)._scoped(f"user:{user.pk}@{tenant.pk}")

    def none(self) -> Self:
        # An empty queryset shows no one's rows: it needs no tenant.
        return super().none()._scoped("none")

    def all_tenants(self) -> Self:
        """Explicitly cross-tenant: for system code, never for what a tenant user sees."""
        return self._scoped("all")

    @property
    def is_scoped(self) -> bool:
        return self._tenant_scope is not None

    # --- the guard ---------------------------------------------------------------------------
    def _check_scope(self) -> None:
        if self._tenant_scope is None and _strict.get():
            raise UnscopedQueryError(
                f"Unscoped query on tenant-owned model {self.model._meta.label}: "
                "call for_tenant()/for_request() (or all_tenants() in system code)."
            )

    def _fetch_all(self) -> None:
        if self._result_cache is None:
            self._check_scope()
        super()._fetch_all()

    def count(self) -> int:
        self._check_scope()
        return super().count()

    def exists(self) -> bool:
        self._check_scope()
        return super().exists()

    def aggregate(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        self._check_scope()
        return super().aggregate(*args, **kwargs)

    def iterator(self, chunk_size: int | None = None) -> Iterator[Any]:
        self._check_scope()
        return super().iterator(chunk_size=chunk_size)

    def update(self, **kwargs: Any) -> int:
        self._check_scope()
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        self._check_scope()
        return super().delete()

    def contains(self, obj: models.Model) -> bool:
        self._check_scope()
        return super().contains(obj)


class TenantManager(models.Manager.from_queryset(TenantQuerySet)):  # type: ignore[misc]
    """Default manager of tenant-owned models. See the module docstring."""

    def get_queryset(self) -> TenantQuerySet:
        queryset: TenantQuerySet = super().get_queryset()
        # Related managers (reverse FK, M2M, generic relations) carry the parent instance: the
        # parent was found through a scoped query, so rows hanging off it are in scope too.
        if getattr(self, "instance", None) is not None:
            queryset = queryset._scoped("related")
        return queryset
