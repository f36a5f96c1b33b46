"""A suspect's reasons and an area's flag in plain words (Chinese through the catalogue)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from theftscan.analytics.flags import FlagReason
from theftscan.analytics.scoring import Reason


def suspect_reasons(bits: int, features: dict[str, Any]) -> list[str]:
    """One sentence per reason bit, with the figure that triggered it."""
    f = features
    lines: list[str] = []
    if bits & Reason.ANTI_CORRELATION:
        lines.append(
            _("Consumption moves against the area's loss energy (correlation {r:.2f}).").format(
                r=f.get("correlation", 0)
            )
        )
    if bits & Reason.DROP_OWN:
        lines.append(
            _("Daily use fell by {p:.0%} against its own history ({b:.1f} → {a:.1f} kWh a day).").format(
                p=f.get("drop_own", 0), b=f.get("before_kwh", 0), a=f.get("after_kwh", 0)
            )
        )
    if bits & Reason.DROP_PEERS:
        lines.append(_("It fell {p:.0%} more than the median user of the same area.").format(p=f.get("drop_peers", 0)))
    if bits & Reason.EXPLAINED:
        lines.append(_("Its fall accounts for {p:.0%} of the rise in the area's loss.").format(p=f.get("explained", 0)))
    if bits & Reason.NEAR_ZERO:
        lines.append(
            _("{n:.0f} days in a row near zero while the area was losing energy.").format(n=f.get("near_zero_days", 0))
        )
    return lines


def flag_reasons(bits: int, step: float | None = None, step_t: float | None = None) -> list[str]:
    """One sentence per flag bit; the step's size and its t against the area's own noise when known."""
    lines: list[str] = []
    if bits & FlagReason.HIGH_RATE:
        lines.append(_("Loss rate above the threshold for the required days."))
    if bits & FlagReason.RISE:
        if step is not None and step_t is not None:
            lines.append(
                _(
                    "Loss rate stepped up by {step:.1f} points (t = {t:.0f} against the area's own day-to-day noise)."
                ).format(step=step * 100, t=min(step_t, 999))
            )
        else:
            lines.append(_("Loss rate stepped up against the area's own level and noise."))
    return lines
