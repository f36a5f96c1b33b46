"""The input rules, on hand-made values (no database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.stakeholders import validators
from tests.stakeholders.records import BAD_CHECK_ID, VALID_ID


@pytest.mark.parametrize(
    "phone", ["13812345678", "+86 138 1234 5678", "138-1234-5678", "022-23456789", "02223456789", "0315-7654321-12"]
)
def test_mobile_and_landline_numbers_are_accepted(phone: str) -> None:
    validators.validate_phone(phone)


@pytest.mark.parametrize("phone", ["12812345678", "1381234567", "138123456789", "23456789", "hello", "022-0345678"])
def test_other_phone_numbers_are_rejected(phone: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validators.validate_phone(phone)
    assert caught.value.code == "invalid_phone"


def test_the_check_character_follows_gb_11643() -> None:
    # Worked out by hand in tests/stakeholders/records.py: weighted sum 167, 167 mod 11 = 2 → "X".
    assert validators.id_check_char("11010519491231002") == "X"
    # 4·7+4·9+0·10+5·5+2·8+4·4+1·2+8·1+8·6+0·3+0·7+1·9+0·10+1·5+0·8+0·4+1·2 = 195; 195 mod 11 = 8 → "4".
    assert validators.id_check_char("44052418800101001") == "4"


def test_a_valid_id_number_passes_in_either_case_of_x() -> None:
    validators.validate_id_number(VALID_ID)
    validators.validate_id_number(VALID_ID.lower())
    validators.validate_id_number("440524188001010014")


@pytest.mark.parametrize(
    ("number", "code"),
    [
        (BAD_CHECK_ID, "invalid_id_check"),
        ("11010519491231002", "invalid_id_shape"),
        ("1101051949123100XX", "invalid_id_shape"),
        ("110105194913310021", "invalid_id_birth"),  # month 13
        ("110105299901010021", "invalid_id_birth"),  # born in 2999
    ],
)
def test_bad_id_numbers_are_rejected_with_the_reason(number: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validators.validate_id_number(number)
    assert caught.value.code == code


def test_coordinates_must_be_in_range_and_come_in_pairs() -> None:
    validators.validate_latitude(Decimal("39.0"))
    validators.validate_longitude(Decimal("117.7"))
    with pytest.raises(ValidationError):
        validators.validate_latitude(Decimal("90.5"))
    with pytest.raises(ValidationError):
        validators.validate_longitude(Decimal("-180.1"))
    with pytest.raises(ValidationError) as caught:
        validators.check_coordinates(Decimal("39.0"), None)
    assert list(caught.value.message_dict) == ["longitude"]


def test_an_end_before_the_start_is_rejected_on_the_end_field() -> None:
    validators.check_date_order(dt.date(2021, 5, 10), dt.date(2021, 5, 10), "end_date")
    validators.check_date_order(dt.date(2021, 5, 10), None, "end_date")
    with pytest.raises(ValidationError) as caught:
        validators.check_date_order(dt.date(2021, 5, 10), dt.date(2021, 5, 9), "end_date")
    assert list(caught.value.message_dict) == ["end_date"]


def test_a_meeting_may_be_planned_up_to_a_year_ahead() -> None:
    now = timezone.now()
    validators.check_meeting_time(now + dt.timedelta(days=364))
    with pytest.raises(ValidationError) as caught:
        validators.check_meeting_time(now + dt.timedelta(days=366))
    assert list(caught.value.message_dict) == ["held_at"]
