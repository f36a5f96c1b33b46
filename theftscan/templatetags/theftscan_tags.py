from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def pct(value: float | None, digits: int = 1) -> str:
    """A fraction as a percentage: 0.08 → "8.0"; "—" when there is none."""
    if value is None:
        return "—"
    return f"{float(value) * 100:.{int(digits)}f}"
