"""The fail-closed scoping machinery itself, on real tenant-owned models (JobRun, Ticket)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db.models import Exists, OuterRef, QuerySet, Subquery

from portal.accounts.models import User
from portal.jobs.models import JobRun
from portal.tenancy.models import Tenant
from portal.tenancy.scoping import UnscopedQueryError, allow_unscoped, strict_scope
from portal.tickets.models import Ticket
from tests.personas import World


@pytest.fixture
def runs(world: World) -> tuple[JobRun, JobRun]:
    return (
        JobRun.objects.create(tenant=world.binhai, name="tickets.export"),
        JobRun.objects.create(tenant=world.wuqing, name="tickets.export"),
    )


def test_an_unscoped_query_in_request_code_raises(runs: tuple[JobRun, JobRun]) -> None:
    with strict_scope(), pytest.raises(UnscopedQueryError):
        list(JobRun.objects.all())


@pytest.mark.parametrize(
    "evaluate",
    [
        lambda qs: qs.count(),
        lambda qs: qs.exists(),
        lambda qs: qs.first(),
        lambda qs: qs.get(pk=1),
        lambda qs: qs.update(progress=1),
        lambda qs: qs.delete(),
        lambda qs: list(qs.iterator()),
        lambda qs: qs.aggregate(n=__import__("django.db.models", fromlist=["Count"]).Count("id")),
    ],
)
def test_every_way_of_running_an_unscoped_query_raises(runs: tuple[JobRun, JobRun], evaluate) -> None:  # type: ignore[no-untyped-def]
    with strict_scope(), pytest.raises(UnscopedQueryError):
        evaluate(JobRun.objects.all())


def test_for_tenant_returns_only_that_tenants_rows(world: World, runs: tuple[JobRun, JobRun]) -> None:
    with strict_scope():
        assert list(JobRun.objects.for_tenant(world.binhai)) == [runs[0]]
        assert JobRun.objects.for_tenant(world.wuqing).get() == runs[1]
        with pytest.raises(JobRun.DoesNotExist):
            JobRun.objects.for_tenant(world.wuqing).get(pk=runs[0].pk)


def test_scope_survives_chaining(world: World, runs: tuple[JobRun, JobRun]) -> None:
    with strict_scope():
        assert JobRun.objects.for_tenant(world.binhai).filter(name="tickets.export").order_by("id").count() == 1


def test_an_empty_queryset_needs_no_tenant(runs: tuple[JobRun, JobRun]) -> None:
    with strict_scope():
        assert list(JobRun.objects.none()) == []
        assert JobRun.objects.all().none().count() == 0


def test_all_tenants_is_an_explicit_escape(runs: tuple[JobRun, JobRun]) -> None:
    with strict_scope():
        assert JobRun.objects.all_tenants().count() == 2
    with strict_scope(), allow_unscoped():
        assert JobRun.objects.count() == 2


def test_outside_request_code_queries_run_unscoped(runs: tuple[JobRun, JobRun]) -> None:
    assert JobRun.objects.count() == 2


# --- what counts as scoped: related managers, subqueries, combined querysets --------------------


@pytest.fixture
def tickets(world: World) -> tuple[Ticket, Ticket]:
    """Bob is assignee of a Binhai ticket; by a data slip he is assignee of a Wuqing ticket too."""
    from portal.tickets import services

    ours = services.create_ticket(world.binhai, world.alice, title="滨海的工单", assignee_user=world.bob)
    theirs = services.create_ticket(world.wuqing, world.charlie, title="武清的工单")
    Ticket.objects.all_tenants().filter(pk=theirs.pk).update(assignee_user=world.bob)
    return ours, theirs


def test_a_users_related_manager_is_not_scoped_it_would_return_every_tenants_rows(
    world: World, tickets: tuple[Ticket, Ticket]
) -> None:
    # A user is not tenant-owned: bob.assigned_tickets spans Binhai and Wuqing.
    assert world.bob.assigned_tickets.count() == 2
    with strict_scope(), pytest.raises(UnscopedQueryError):
        list(world.bob.assigned_tickets.all())


def test_prefetching_from_users_is_not_scoped_either(world: World, tickets: tuple[Ticket, Ticket]) -> None:
    from portal.accounts.models import User

    with strict_scope(), pytest.raises(UnscopedQueryError):
        list(User.objects.filter(pk=world.bob.pk).prefetch_related("assigned_tickets"))


def test_a_related_manager_of_a_tenant_owned_row_is_scoped_by_its_parent(
    world: World, tickets: tuple[Ticket, Ticket]
) -> None:
    ours, _theirs = tickets
    with strict_scope():
        ticket = Ticket.objects.for_tenant(world.binhai).get(pk=ours.pk)
        assert [e.kind for e in ticket.events.all()] == ["created", "assigned"]
        assert [list(t.events.all()) for t in Ticket.objects.for_tenant(world.binhai).prefetch_related("events")] == [
            list(ticket.events.all())
        ]


@pytest.mark.parametrize(
    "query",
    [
        lambda t: list(Ticket.objects.for_tenant(t).filter(pk__in=Ticket.objects.filter(title__contains="工单"))),
        lambda t: list(
            Ticket.objects.for_tenant(t).filter(pk__in=Ticket.objects.filter(priority="normal").values("pk"))
        ),
        lambda t: list(Ticket.objects.for_tenant(t).filter(Exists(Ticket.objects.filter(parent=OuterRef("pk"))))),
        lambda t: list(
            Ticket.objects.for_tenant(t).annotate(
                first_title=Subquery(Ticket.objects.order_by("pk").values("title")[:1])
            )
        ),
        lambda t: Ticket.objects.for_tenant(t).exclude(pk__in=Ticket.objects.filter(status="closed")).count(),
        lambda t: list(User.objects.filter(pk__in=Ticket.objects.values("assignee_user"))),
    ],
    ids=["in-queryset", "in-values", "exists", "subquery", "exclude-count", "outer-query-not-tenant-owned"],
)
def test_an_unscoped_subquery_inside_a_strict_scope_raises(
    world: World, tickets: tuple[Ticket, Ticket], query: Callable[[Tenant], object]
) -> None:
    with strict_scope(), pytest.raises(UnscopedQueryError):
        query(world.binhai)


def test_a_scoped_subquery_runs(world: World, tickets: tuple[Ticket, Ticket]) -> None:
    ours, _theirs = tickets
    with strict_scope():
        inner = Ticket.objects.for_tenant(world.binhai).filter(title__contains="工单")
        assert list(Ticket.objects.for_tenant(world.binhai).filter(pk__in=inner)) == [ours]
        assigned = User.objects.filter(pk__in=Ticket.objects.for_tenant(world.binhai).values("assignee_user"))
        assert list(assigned) == [world.bob]
        found = Ticket.objects.for_tenant(world.binhai).filter(
            Exists(Ticket.objects.all_tenants().filter(pk=OuterRef("pk")))
        )
        assert list(found) == [ours]


def test_or_with_an_unscoped_queryset_is_unscoped(world: World, tickets: tuple[Ticket, Ticket]) -> None:
    ours, theirs = tickets

    def either() -> QuerySet[Ticket]:
        return Ticket.objects.for_tenant(world.binhai) | Ticket.objects.filter(title="武清的工单")

    assert sorted(t.pk for t in either()) == sorted([ours.pk, theirs.pk])  # outside a scope: both tenants' rows
    with strict_scope(), pytest.raises(UnscopedQueryError):
        list(either())
    with strict_scope(), pytest.raises(UnscopedQueryError):
        list(Ticket.objects.for_tenant(world.binhai) ^ Ticket.objects.all())
    with strict_scope(), pytest.raises(UnscopedQueryError):
        list(Ticket.objects.for_tenant(world.binhai).union(Ticket.objects.all()))


def test_and_with_a_scoped_queryset_stays_scoped(world: World, tickets: tuple[Ticket, Ticket]) -> None:
    ours, _theirs = tickets
    with strict_scope():
        assert list(Ticket.objects.all() & Ticket.objects.for_tenant(world.binhai)) == [ours]
        binhai = Ticket.objects.for_tenant(world.binhai)
        assert list(binhai.filter(priority="normal") | binhai.filter(priority="high")) == [ours]
        both = binhai.order_by().union(Ticket.objects.for_tenant(world.wuqing).order_by())
        assert sorted(t.pk for t in both) == sorted(t.pk for t in tickets)
