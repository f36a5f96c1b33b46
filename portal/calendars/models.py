"""Official days entered by staff: the supplement to the ``holidays`` package (see ``working.WorkingCalendar``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.calendars.registry import calendar_choices
from portal.core.models import TimestampedModel


class CalendarDay(TimestampedModel):
    """One day of a named calendar as an official notice fixes it: a day off or a working day.

    National, not per unit: the State Council's schedule is the same for every tenant, so these rows
    have no tenant and only superusers edit them. ``source`` says which notice the day comes from.
    """

    calendar = models.CharField(_("calendar"), max_length=8, choices=calendar_choices)
    day = models.DateField(_("date"))
    working = models.BooleanField(
        _("working day"), help_text=_("Ticked: a working day (e.g. a make-up Saturday). Unticked: a day off.")
    )
    name = models.CharField(_("name"), max_length=60, blank=True, help_text=_("For example 春节 or 国庆节调休上班."))
    source = models.CharField(
        _("source"),
        max_length=300,
        help_text=_("The official notice this day comes from: its number or address (国办发明电〔2026〕…号)."),
    )

    class Meta:
        ordering = ["calendar", "day"]
        constraints = [models.UniqueConstraint(fields=["calendar", "day"], name="calendar_day_unique_date")]
        verbose_name = _("official calendar day")
        verbose_name_plural = _("official calendar days")

    def __str__(self) -> str:
        return f"{self.calendar} {self.day.isoformat()} {self.name}".strip()
