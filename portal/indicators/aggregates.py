"""Aggregates the figures share, so that a figure is one query whatever the number of rows.

The median has no portable SQL: PostgreSQL computes it with the ordered-set aggregate
``percentile_cont(0.5)`` (interpolating between the two middle values, as ``statistics.median``
does); the embedded SQLite portal reads the one column of spans and takes the median in Python.
"""

from __future__ import annotations

from statistics import median

from django.db import connection
from django.db.models import Aggregate, DurationField, ExpressionWrapper, F, FloatField, QuerySet
from django.db.models.functions import Extract

SECONDS_PER_HOUR = 3600


class Median(Aggregate):
    """PostgreSQL's ``percentile_cont(0.5) WITHIN GROUP (ORDER BY …)`` of a numeric expression."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def _spans(queryset: QuerySet, start: str, end: str) -> QuerySet:
    """The rows with both times, annotated with ``span`` = end − start (NULL ends are not spans yet)."""
    span = ExpressionWrapper(F(end) - F(start), output_field=DurationField())
    return queryset.filter(**{f"{start}__isnull": False, f"{end}__isnull": False}).annotate(span=span)


def median_seconds_in_database(queryset: QuerySet, start: str, end: str) -> float | None:
    """One aggregate query (PostgreSQL only: ``EXTRACT(EPOCH FROM interval)`` and ``percentile_cont``)."""
    value = _spans(queryset, start, end).aggregate(m=Median(Extract("span", "epoch")))["m"]
    return float(value) if value is not None else None


def median_seconds_in_python(queryset: QuerySet, start: str, end: str) -> float | None:
    """Any database: one query reading the one column of spans."""
    spans = [span.total_seconds() for span in _spans(queryset, start, end).values_list("span", flat=True)]
    return float(median(spans)) if spans else None


def median_hours(queryset: QuerySet, start: str, end: str) -> float | None:
    """The median of ``end − start`` over the rows that have both, in hours to one decimal."""
    if connection.vendor == "postgresql":
        seconds = median_seconds_in_database(queryset, start, end)
    else:
        seconds = median_seconds_in_python(queryset, start, end)
    return round(seconds / SECONDS_PER_HOUR, 1) if seconds is not None else None
