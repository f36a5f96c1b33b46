"""Fail-closed tenant scoping: the one place where tenant isolation is enforced.

Every tenant-owned model gets ``TenantManager`` as ``objects``. Its querysets start *unscoped*;
request code must narrow them with ``for_tenant()`` (or ``for_request()``) before they run. While a
request is being served (``TenantMiddleware`` opens a strict scope, and so does the job runner),
evaluating an unscoped queryset raises ``UnscopedQueryError`` instead of silently returning other
tenants' rows. Code that legitimately works across tenants (migrations, the demo loader, superuser
admin, platform reports) says so with ``all_tenants()``.

Read-only pages use ``for_user(user, tenant)``: the tenant's rows plus single rows granted to the user
with django-guardian (``portal.tenancy.grants``).

Querysets reached through a related manager of a tenant-owned row (``ticket.comments.all()``), or
prefetched from tenant-owned rows, count as scoped: their parent was itself found through a scoped
query. A related manager of anything else — a user (``user.assigned_tickets``), a tenant, a content
type — spans every tenant and counts as unscoped.

The scope travels with the SQL query (``TenantQuery``), not only with the queryset, so a queryset
used inside another — ``filter(x__in=qs)``, ``Exists(qs)``, ``Subquery(qs)`` — is checked too, when
the outer query is compiled. Combining querysets keeps the scope only where the result cannot hold
more rows than a scoped part: ``a & b`` is scoped if either side is, ``a | b``, ``a ^ b`` and
``union``/``intersection``/``difference`` only if every part is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Self

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.sql import Query
from django.db.models.sql.compiler import SQLCompiler

if TYPE_CHECKING:
    from django.db.models.query_utils import PathInfo
    from django.db.models.sql.compiler import _AsSqlType
    from django.db.models.sql.where import WhereNode

    from portal.tenancy.models import Tenant

# Querysets of any model (TenantQuerySet itself is not generic).
AnyQuerySet = models.QuerySet[Any, Any]

_strict: ContextVar[bool] = ContextVar("portal_tenant_strict_scope", default=False)
# While Django builds the subquery of an exclude() across a to-many relation, the scope it inherits.
_inherited_scope: ContextVar[str | None] = ContextVar("portal_tenant_inherited_scope", default=None)


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


def _unscoped_error(model: type[models.Model]) -> UnscopedQueryError:
    return UnscopedQueryError(
        f"Unscoped query on tenant-owned model {model._meta.label}: "
        "call for_tenant()/for_request() (or all_tenants() in system code)."
    )


class TenantQuery(Query):
    """The SQL query of a tenant-owned model; it carries the scope, so subqueries are checked too.

    ``Query.clone()`` copies the instance dictionary, so the scope survives every chained call and
    every ``Subquery``/``Exists``/``__in`` that wraps the query.
    """

    tenant_scope: str | None = None

    def __init__(self, model: type[models.Model] | None, alias_cols: bool = True) -> None:
        super().__init__(model, alias_cols)
        inherited = _inherited_scope.get()
        if inherited is not None:
            self.tenant_scope = inherited

    def split_exclude(
        self,
        filter_expr: tuple[str, Any],
        can_reuse: set[str],
        names_with_path: list[tuple[str, list[PathInfo]]],
    ) -> tuple[WhereNode, Iterable[str]]:
        # ``exclude(children__x=…)`` makes Django build a subquery of its own (NOT EXISTS … WHERE
        # child.parent_id = parent.id): it only follows the relation from this query's rows, so it
        # is in this query's scope, as a related manager is.
        token = _inherited_scope.set(self.tenant_scope)
        try:
            return super().split_exclude(filter_expr, can_reuse, names_with_path)
        finally:
            _inherited_scope.reset(token)

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> _AsSqlType:
        # Django compiles a query through this method only when it is part of another query (a
        # top-level query goes straight to its compiler), so this is the subquery check.
        if self.tenant_scope is None and _strict.get():
            raise _unscoped_error(self.model)  # type: ignore[arg-type]  # always set for a model's query
        return super().as_sql(compiler, connection)


class TenantQuerySet(models.QuerySet):
    def __init__(
        self,
        model: type[models.Model] | None = None,
        query: Query | None = None,
        using: str | None = None,
        hints: dict[str, models.Model] | None = None,
    ) -> None:
        super().__init__(model, query if query is not None else TenantQuery(model), using, hints)

    @property
    def _tenant_scope(self) -> str | None:
        return getattr(self.query, "tenant_scope", None)

    def _scoped(self, label: str | None) -> Self:
        clone = self._chain()  # type: ignore[attr-defined]
        clone.query.tenant_scope = label
        return clone

    # --- combining querysets: never wider than a scoped part -----------------------------------
    def __and__(self, other: AnyQuerySet) -> Self:
        # Rows in both: one scoped side is enough.
        scope = self._tenant_scope or _scope_of(other)
        return self._combined(super().__and__(other), other, scope)

    def __or__(self, other: AnyQuerySet) -> Self:
        return self._combined(super().__or__(other), other, _every_scope(self, other))

    def __xor__(self, other: AnyQuerySet) -> Self:
        return self._combined(super().__xor__(other), other, _every_scope(self, other))

    def _combinator_query(self, combinator: str, *other_qs: AnyQuerySet, all: bool = False) -> Self:
        # union, intersection, difference: every part must be scoped.
        combined: Self = super()._combinator_query(combinator, *other_qs, all=all)  # type: ignore[misc]
        return self._combined(combined, None, _every_scope(self, *other_qs))

    def _combined(self, combined: Self, other: AnyQuerySet | None, scope: str | None) -> Self:
        if combined is self or combined is other:
            return combined  # Django answered with one side as it is (the other side was empty)
        return combined._scoped(scope)

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
            raise _unscoped_error(self.model)

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


def _scope_of(queryset: AnyQuerySet) -> str | None:
    """The scope of any queryset: querysets of models that are not tenant-owned need none."""
    if isinstance(queryset, TenantQuerySet):
        return queryset._tenant_scope
    return "not tenant-owned"


def _every_scope(*parts: AnyQuerySet) -> str | None:
    """The combined scope when every part must be scoped (OR, XOR, union …): None if one is not."""
    scopes = [_scope_of(part) for part in parts]
    return None if None in scopes else "+".join(str(scope) for scope in scopes)


def is_tenant_owned(model: type[models.Model]) -> bool:
    return any(isinstance(manager, TenantManager) for manager in model._meta.managers)


class TenantManager(models.Manager.from_queryset(TenantQuerySet)):  # type: ignore[misc]
    """Default manager of tenant-owned models. See the module docstring."""

    def get_queryset(self) -> TenantQuerySet:
        queryset: TenantQuerySet = super().get_queryset()
        # Related managers (reverse FK, M2M, generic relations) carry the parent instance. A
        # tenant-owned parent was found through a scoped query, so the rows hanging off it are in
        # scope too; a user's or a tenant's rows are not (they span tenants).
        instance = getattr(self, "instance", None)
        if instance is not None and is_tenant_owned(type(instance)):
            queryset = queryset._scoped("related")
        return queryset
