"""Every colour's reason in plain words ("昨日用电 0.3 kWh，仅为近 28 天中位数 2.1 kWh 的 14%").

Templates are translated once per call of ``reason_texts`` (one per reason × basis), then filled per
subject with ``%`` formatting: a million reasons cost about a second, not a gettext call each.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from careband.scoring import Colour, Reason, Scores


def _basis_label(basis: int, window: int) -> str:
    if basis == 1:
        return _("the same weekday of the last 4 weeks")
    if basis == 2:
        return _("the last 7 days")
    return _("the last %(days)d days") % {"days": window}


def _template(reason: int, colour: int, basis: int, window: int, streak: bool) -> str:
    where = _basis_label(basis, window)
    if reason == Reason.PAUSED:
        return _("Care code paused; not scored.")
    if reason == Reason.NO_DATA:
        return _("The meter sent no reading for %(missing)d day(s); missing data is never red.")
    if reason == Reason.THIN_HISTORY:
        return _("Only %(valid)d days with readings recently: not enough to set a personal baseline yet.")
    if reason == Reason.LOW and colour == Colour.RED:
        text = _("Yesterday %(value)s kWh, only %(pct)s%% of the median %(base)s kWh of %(where)s.")
        if streak:
            text += _(" Near-standby for %(streak)d days in a row.")
    elif reason == Reason.LOW:
        text = _("Yesterday %(value)s kWh, %(pct)s%% of the median %(base)s kWh of %(where)s: lower than usual.")
    elif reason == Reason.HIGH:
        text = _("Yesterday %(value)s kWh, %(times)s times the median %(base)s kWh of %(where)s.")
        if streak:
            text += _(" High for %(streak)d days in a row.")
    else:
        text = _("Yesterday %(value)s kWh, %(pct)s%% of the median %(base)s kWh of %(where)s: steady.")
    return text.replace("%(where)s", where.replace("%", "%%"))


@dataclass(frozen=True)
class ReasonInputs:
    reason: int
    colour: int
    value: float
    baseline: float
    ratio: float
    basis: int
    missing_days: int
    streak: int
    valid_days: int = 0


def _fmt(x: float) -> str:
    return "—" if math.isnan(x) else f"{x:.1f}"


def reason_text(item: ReasonInputs, window: int = 28) -> str:
    template = _template(item.reason, item.colour, item.basis, window, item.streak > 1)
    ratio = item.ratio
    return template % {
        "value": _fmt(item.value),
        "base": _fmt(item.baseline),
        "pct": "—" if math.isnan(ratio) else f"{ratio * 100:.0f}",
        "times": _fmt(ratio),
        "missing": max(item.missing_days, 1),
        "valid": item.valid_days,
        "streak": item.streak,
    }


def reason_texts(scores: Scores, window: int = 28) -> list[str]:
    """The reason of every row of ``scores`` in the active language."""
    templates: dict[tuple[int, int, int, bool], str] = {}
    rows = zip(
        scores.reason.tolist(),
        scores.colour.tolist(),
        scores.basis.tolist(),
        scores.streak.tolist(),
        scores.value.tolist(),
        scores.baseline.tolist(),
        scores.ratio.tolist(),
        scores.missing_days.tolist(),
        scores.valid_days.tolist(),
        strict=True,
    )
    out: list[str] = []
    for reason, colour, basis, streak, value, base, ratio, missing, n_valid in rows:
        key = (reason, colour, basis, streak > 1)
        template = templates.get(key)
        if template is None:
            template = templates[key] = _template(reason, colour, basis, window, streak > 1)
        out.append(
            template
            % {
                "value": "—" if value != value else f"{value:.1f}",
                "base": "—" if base != base else f"{base:.1f}",
                "pct": "—" if ratio != ratio else f"{ratio * 100:.0f}",
                "times": "—" if ratio != ratio else f"{ratio:.1f}",
                "missing": max(missing, 1),
                "valid": n_valid,
                "streak": streak,
            }
        )
    return out
