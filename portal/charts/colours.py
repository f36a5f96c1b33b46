"""Colour scales: a value falls into a band, each band a category with its colour and label."""

from __future__ import annotations

import math
from dataclasses import dataclass

from portal.charts.spec import Category


@dataclass(frozen=True)
class Band:
    upper: float  # values below this (and at or above the band before) fall here
    category: Category


@dataclass(frozen=True)
class Scale:
    bands: tuple[Band, ...]
    missing: Category  # the colour of a place without a value

    def __post_init__(self) -> None:
        uppers = [b.upper for b in self.bands]
        if not uppers or uppers != sorted(uppers) or uppers[-1] != math.inf:
            raise ValueError("bands must rise and the last must reach infinity")

    def category_for(self, value: float | None) -> Category:
        if value is None or not math.isfinite(value):
            return self.missing
        return next(b.category for b in self.bands if value < b.upper)

    @property
    def categories(self) -> tuple[Category, ...]:
        return (*(b.category for b in self.bands), self.missing)
