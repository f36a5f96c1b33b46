"""The fail-closed scoping machinery itself, on a real tenant-owned model (JobRun)."""

from __future__ import annotations

import pytest

from portal.jobs.models import JobRun
from portal.tenancy.scoping import UnscopedQueryError, allow_unscoped, strict_scope
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
