"""Input rules shared by the forms and the API serializers of stakeholders and activities.

Each rule raises Django's ``ValidationError`` (DRF turns it into a 400 answer), so a form and an
endpoint reject the same input with the same message.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Mainland mobile numbers: 11 digits starting 13–19, optionally with the +86 / 86 country code.
_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
# Landlines: area code 0 + 2–3 digits, a 7–8 digit local number (never starting 0 or 1), an
# optional extension ("-123" or "转123").
_LANDLINE = re.compile(r"^0\d{2,3}-?[2-9]\d{6,7}(?:(?:-|转)\d{1,6})?$")
_SEPARATORS = re.compile(r"[\s()（）]")

# GB 11643-1999: weights of the first 17 digits, and the check character for (sum mod 11).
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")

MAX_MEETING_LEAD = dt.timedelta(days=365)


def normalise_phone(value: str) -> str:
    """Drop spaces and brackets people type around area codes; keep the digits and dashes."""
    return _SEPARATORS.sub("", value.strip())


def validate_phone(value: str) -> None:
    if not value:
        return
    phone = normalise_phone(value)
    # Mobiles are often written 138-1234-5678: compare without the dashes.
    if _MOBILE.match(phone.replace("-", "")) or _LANDLINE.match(phone):
        return
    raise ValidationError(
        _("Enter a mainland mobile number (e.g. 13812345678) or a landline with area code (e.g. 022-23456789)."),
        code="invalid_phone",
    )


def id_check_char(first17: str) -> str:
    """The check character of an 18-character resident ID number (GB 11643-1999, ISO 7064 MOD 11-2)."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def validate_id_number(value: str) -> None:
    if not value:
        return
    number = value.strip().upper()
    if not _ID_SHAPE.match(number):
        raise ValidationError(
            _("An ID number has 18 characters: 17 digits and a final digit or X."), code="invalid_id_shape"
        )
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        born = None
    if born is None or born > timezone.localdate() or born.year < 1850:
        raise ValidationError(_("The date of birth in this ID number is not a valid date."), code="invalid_id_birth")
    if id_check_char(number[:17]) != number[17]:
        raise ValidationError(_("The check digit of this ID number is wrong."), code="invalid_id_check")


def validate_latitude(value: Decimal | None) -> None:
    if value is not None and not Decimal(-90) <= value <= Decimal(90):
        raise ValidationError(_("Latitude must be between -90 and 90."), code="invalid_latitude")


def validate_longitude(value: Decimal | None) -> None:
    if value is not None and not Decimal(-180) <= value <= Decimal(180):
        raise ValidationError(_("Longitude must be between -180 and 180."), code="invalid_longitude")


def check_coordinates(latitude: Decimal | None, longitude: Decimal | None) -> None:
    """A point needs both coordinates; one alone cannot be drawn on a map."""
    if (latitude is None) != (longitude is None):
        field = "longitude" if longitude is None else "latitude"
        raise ValidationError({field: _("Enter both latitude and longitude, or neither.")}, code="half_a_point")


def check_date_order(start: dt.date | None, end: dt.date | None, end_field: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError({end_field: _("The end date cannot be before the start date.")}, code="end_before_start")


def check_meeting_time(held_at: dt.datetime | None) -> None:
    """Meetings are recorded when held or planned; a date years ahead is a typing mistake."""
    if held_at is not None and held_at > timezone.now() + MAX_MEETING_LEAD:
        raise ValidationError(
            {"held_at": _("A meeting cannot be planned more than a year ahead.")}, code="meeting_too_far"
        )
