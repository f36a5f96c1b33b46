"""The demo's own bookkeeping."""

from __future__ import annotations

from django.db import models


class DemoAnchor(models.Model):
    """The day the demo was first loaded here: the "today" its time series end on (see ``anchor.py``).

    One row (pk 1). Kept, so loading the demo again on a later day changes nothing.
    """

    day = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.day.isoformat()
