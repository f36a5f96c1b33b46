"""The cell kinds: what each accepts, the value it gives ``apply``, and the reason when it refuses.

A cell arrives as text (CSV) or as openpyxl's typed value (XLSX: numbers, dates, booleans). Text
is NFKC-normalised before parsing numbers, dates, choices and phones, so full-width digits and
colons typed with a Chinese input method (``２０２１－０５－０１``, ``８：３０``) read as their
ASCII forms. An empty cell gives ``""`` for text and phones and ``None`` for every other kind
(``portal.imports.upsert`` stores None in a text field as ""). The reasons are
written for the person who typed the cell (the report is in Chinese); the format page describes
the same rules from ``FORMATS`` below, so the two cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.imports.spec import Column
from portal.stakeholders.validators import normalise_phone, validate_latitude, validate_longitude, validate_phone

# Naive times in a file are Beijing time, whatever the server's zone.
SHANGHAI = ZoneInfo("Asia/Shanghai")
# Excel counts days from 1899-12-30 (serial 1 = 1900-01-01, with the fictitious 1900-02-29 as 60).
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_FIRST_TRUE_SERIAL = 61  # 1900-03-01: below it Excel's calendar is off by a day
_LAST_SERIAL = 2_958_465  # 9999-12-31

_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$|^(\d{4})年(\d{1,2})月(\d{1,2})日$|^(\d{4})(\d{2})(\d{2})$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_MIDNIGHT = re.compile(r"^0{1,2}:00(?::00)?$")
# 1,234,567.89 — thousands separators as Chinese spreadsheets write them; "1,5" is not a number.
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")

# Kinds whose empty value is "" (Django's blank text) rather than None.
TEXT_KINDS = ("text", "phone")
TRUE_WORDS = frozenset({"是", "y", "yes", "true", "1"})
FALSE_WORDS = frozenset({"否", "n", "no", "false", "0"})

FORMATS: dict[str, Promise] = {
    "text": gettext_lazy("Text."),
    "integer": gettext_lazy("A whole number, e.g. 12 or 1,200."),
    "decimal": gettext_lazy("A number, e.g. 36 or 36.5."),
    "date": gettext_lazy("A date: 2021-05-01, 2021/5/1, 2021年5月1日 or 20210501; in XLSX also a date cell."),
    "datetime": gettext_lazy(
        "A date and time: 2021-05-01 08:30 or 2021/5/1 8:30:00, Beijing time unless an offset such as "
        "+08:00 is given; in XLSX also a date-and-time cell."
    ),
    "boolean": gettext_lazy("Yes or no: 是/否, Y/N, yes/no, true/false or 1/0."),
    "choice": gettext_lazy("One of the values listed, by name or by code (upper or lower case alike)."),
    "latitude": gettext_lazy("Latitude in decimal degrees, -90 to 90 (e.g. 39.0245)."),
    "longitude": gettext_lazy("Longitude in decimal degrees, -180 to 180 (e.g. 117.7102)."),
    "phone": gettext_lazy("A mainland mobile number (13812345678) or a landline with area code (022-23456789)."),
}


class CellError(ValueError):
    """A cell that cannot be read as its column's kind; ``reason`` says why, in the active language."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def cell_text(raw: object) -> str:
    """A cell as a person sees it: for the report, for text columns and for phones."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat() if raw.time() == dt.time(0) else raw.isoformat(sep=" ")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, float) and raw.is_integer() and abs(raw) < 1e15:
        return str(int(raw))  # XLSX keeps 13812345678 or 12 as floats
    return str(raw).strip()


def is_empty(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def _plain(raw: object) -> str:
    return unicodedata.normalize("NFKC", cell_text(raw)).strip()


def convert(column: Column, raw: object) -> Any:
    """The cell's value for ``apply``; raises ``CellError``."""
    if is_empty(raw):
        if column.required:
            raise CellError(_("This cell is empty."))
        return "" if column.kind in TEXT_KINDS else None
    return _CONVERTERS[column.kind](column, raw)


# --- text and numbers -----------------------------------------------------------------------------


def _text(column: Column, raw: object) -> str:
    text = cell_text(raw)
    if column.max_length is not None and len(text) > column.max_length:
        raise CellError(
            _("Too long: %(length)d characters, at most %(max)d.") % {"length": len(text), "max": column.max_length}
        )
    return text


def _decimal_of(raw: object) -> Decimal:
    if isinstance(raw, bool):
        raise CellError(_("Not a number."))
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))  # the shortest text that round-trips: 39.21, not 39.2100000000000008
    text = _plain(raw)
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(_("Not a number.")) from None
    if not number.is_finite():
        raise CellError(_("Not a number."))
    return number


def _in_range(column: Column, number: Decimal) -> None:
    if column.min_value is not None and number < column.min_value:
        raise CellError(_("Less than the smallest value allowed, %(min)s.") % {"min": column.min_value})
    if column.max_value is not None and number > column.max_value:
        raise CellError(_("More than the largest value allowed, %(max)s.") % {"max": column.max_value})


def _integer(column: Column, raw: object) -> int:
    try:
        number = _decimal_of(raw)
    except CellError:
        raise CellError(_("Not a whole number.")) from None
    if number != number.to_integral_value():
        raise CellError(_("Not a whole number."))
    _in_range(column, number)
    return int(number)


def _quantised(column: Column, number: Decimal) -> Decimal:
    if column.decimal_places is None:
        return number
    return number.quantize(Decimal(1).scaleb(-column.decimal_places), rounding=ROUND_HALF_UP)


def _decimal(column: Column, raw: object) -> Decimal:
    number = _decimal_of(raw)
    _in_range(column, number)
    return _quantised(column, number)


def _coordinate(validate: Callable[[Decimal], None]) -> Callable[[Column, object], Decimal]:
    """Latitude and longitude: a number in range (the stakeholder forms' own rule and message)."""

    def convert_coordinate(column: Column, raw: object) -> Decimal:
        number = _decimal_of(raw)
        try:
            validate(number)
        except ValidationError as exc:
            raise CellError(" ".join(exc.messages)) from None
        _in_range(column, number)
        return _quantised(column, number)

    return convert_coordinate


# --- dates and times ------------------------------------------------------------------------------


def _from_serial(raw: float) -> dt.datetime:
    if not _FIRST_TRUE_SERIAL <= raw <= _LAST_SERIAL:
        raise ValueError(raw)
    # Whole seconds: a serial's fraction of a day rarely lands exactly on one.
    return EXCEL_EPOCH + dt.timedelta(seconds=round(raw * 86_400))


def _date_of_text(text: str) -> dt.date:
    match = _DATE.match(text)
    if match is None:
        raise ValueError(text)
    year, month, day = (int(part) for part in match.groups() if part is not None)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(_("No such day in the calendar.")) from None


def _date(column: Column, raw: object) -> dt.date:
    if isinstance(raw, dt.datetime):
        if raw.time() != dt.time(0):
            raise CellError(_("A date is expected here, without a time."))
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    try:
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            if raw != int(raw):
                raise CellError(_("A date is expected here, without a time."))
            return _from_serial(raw).date()  # an Excel serial date in a cell formatted as a number
        text = _plain(raw)
        day_part, _sep, time_part = text.partition(" ")
        if time_part and not _MIDNIGHT.match(time_part.strip()):
            raise CellError(_("A date is expected here, without a time."))
        return _date_of_text(day_part)
    except CellError:
        raise
    except ValueError:
        raise CellError(_("Not a date: write it as 2021-05-01, 2021/5/1 or 2021年5月1日.")) from None


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=SHANGHAI) if moment.tzinfo is None else moment


def _datetime_of_text(text: str) -> dt.datetime:
    day_part, _sep, time_part = text.replace("T", " ", 1).partition(" ")
    time_match = _TIME.match(time_part.strip())
    if time_match is not None:
        hour, minute, second = (int(part or 0) for part in time_match.groups())
        day = _date_of_text(day_part)
        try:
            return dt.datetime.combine(day, dt.time(hour, minute, second))
        except ValueError:
            raise CellError(_("No such time of day.")) from None
    return dt.datetime.fromisoformat(text)  # ISO 8601 with an offset: 2021-05-01T08:30:00+08:00


def _datetime(column: Column, raw: object) -> dt.datetime:
    if isinstance(raw, dt.datetime):
        return _aware(raw)
    try:
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            return _aware(_from_serial(raw))
        text = _plain(raw)
        if " " not in text.strip() and "T" not in text:
            raise ValueError(text)  # a date alone is not a moment
        return _aware(_datetime_of_text(text))
    except CellError:
        raise
    except ValueError:
        raise CellError(_("Not a date and time: write it as 2021-05-01 08:30.")) from None


# --- yes/no, choices, phones ----------------------------------------------------------------------


def _boolean(column: Column, raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    word = _plain(raw).lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(_("Not yes or no: write 是 or 否 (Y/N, true/false and 1/0 work too)."))


# id(column) → (column, lookup): by identity, as lazy labels hash differently in each language.
_CHOICE_LOOKUPS: dict[int, tuple[Column, dict[str, str]]] = {}


def _choice_lookup(column: Column) -> dict[str, str]:
    """Every accepted spelling (the value, its label in each language), lower-cased → the value."""
    cached = _CHOICE_LOOKUPS.get(id(column))
    if cached is not None and cached[0] is column:
        return cached[1]
    lookup: dict[str, str] = {}
    for value, label in column.choices:
        spellings = {value}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                spellings.add(str(label))
        for spelling in spellings:
            lookup.setdefault(unicodedata.normalize("NFKC", spelling).strip().lower(), value)
    _CHOICE_LOOKUPS[id(column)] = (column, lookup)
    return lookup


def choice_labels(column: Column) -> list[str]:
    return [str(label) for _value, label in column.choices]


def _choice(column: Column, raw: object) -> str:
    value = _choice_lookup(column).get(_plain(raw).lower())
    if value is None:
        raise CellError(_("Not one of the choices: %(choices)s.") % {"choices": "、".join(choice_labels(column))})
    return value


def _phone(column: Column, raw: object) -> str:
    phone = normalise_phone(_plain(raw))
    try:
        validate_phone(phone)
    except ValidationError as exc:
        raise CellError(" ".join(exc.messages)) from None
    return phone


_CONVERTERS: dict[str, Callable[[Column, object], Any]] = {
    "text": _text,
    "integer": _integer,
    "decimal": _decimal,
    "date": _date,
    "datetime": _datetime,
    "boolean": _boolean,
    "choice": _choice,
    "latitude": _coordinate(validate_latitude),
    "longitude": _coordinate(validate_longitude),
    "phone": _phone,
}
